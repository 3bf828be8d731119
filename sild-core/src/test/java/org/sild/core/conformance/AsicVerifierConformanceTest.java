package org.sild.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sild.core.asic.AsicVerification;
import org.sild.core.asic.AsicVerifier;
import org.sild.core.asic.VerificationConf;
import org.sild.core.globalconf.StoredGlobalConf;
import org.sild.testing.Vectors;

/**
 * X-Road's {@code AsicContainerVerifierTest} containers (README-vectors C) against the trust base
 * {@code globalconf_good2_v3}: each gives X-Road's expected result. Verification happens at each
 * container's time-stamp time, so no clock is involved.
 */
class AsicVerifierConformanceTest {

    private static final String DIR = "src/tool/asic-verifier-cli/src/test/resources/";
    private static final String CONF = "src/lib/globalconf-core/src/test/resources/globalconf_good2_v3";

    @Test
    void everyContainerGivesXRoadsResult() {
        Map<String, Optional<String>> expected = new LinkedHashMap<>();
        expected.put("valid-signed-message.asice", Optional.empty());
        expected.put("valid-non-batch-rest.asice", Optional.empty());
        expected.put("valid-non-batch-soap-attachments.asice", Optional.empty());
        expected.put("valid-signed-hashchain.asice", Optional.empty());
        expected.put("valid-batch-ts.asice", Optional.empty());
        expected.put("wrong-message.asice", Optional.of("invalid_signature_value"));
        expected.put("invalid-digest.asice", Optional.of("invalid_signature_value"));
        expected.put("invalid-signed-hashchain.asice", Optional.of("malformed_signature.invalid_hash_chain_ref"));
        expected.put("invalid-hashchain-modified-message.asice",
                Optional.of("malformed_signature.hashchain_unused_inputs"));
        // Passes in X-Road: the hash chain is not referenced by the signature, so it is not checked.
        expected.put("invalid-not-signed-hashchain.asice", Optional.empty());
        expected.put("invalid-incorrect-references.asice", Optional.of("malformed_signature"));
        expected.put("invalid-ts-hashchainresult.asice", Optional.of("malformed_signature"));
        // Not in X-Road's list: its message entry is '{hash}-message.xml', which X-Road does not load.
        expected.put("attachments.asice", Optional.of("asic_message_not_found"));

        var verifier = new AsicVerifier(VerificationConf.of(StoredGlobalConf.load(Vectors.file(CONF))));
        var failures = new LinkedHashMap<String, String>();
        int passed = 0;
        for (var e : expected.entrySet()) {
            AsicVerification result = verifier.verify(Vectors.bytes(DIR + e.getKey()));
            if (result.code().equals(e.getValue())) {
                passed++;
            } else {
                failures.put(e.getKey(), "expected " + e.getValue().orElse("valid") + ", got "
                        + result.code().orElse("valid") + ": " + result.reason());
            }
        }
        System.out.printf("conformance: ASiC verification: %d/%d containers as X-Road%n", passed, expected.size());
        Vectors.report("ASiC verification", expected.size());
        assertThat(failures).isEmpty();
    }

    @Test
    void validContainerReportsWhatWasChecked() {
        var verifier = new AsicVerifier(VerificationConf.of(StoredGlobalConf.load(Vectors.file(CONF))));
        var rest = verifier.verify(Vectors.bytes(DIR + "valid-non-batch-rest.asice"));
        assertThat(rest.valid()).as(rest.reason()).isTrue();
        var checked = rest.checked().orElseThrow();
        assertThat(checked.signer().toString()).contains("DEV").contains("1234");
        assertThat(checked.batchTimeStamp()).isTrue();
        assertThat(checked.ocspProducedAt()).isBefore(checked.timeStampTime().plusSeconds(3600));
        var single = verifier.verify(Vectors.bytes(DIR + "valid-signed-message.asice")).checked().orElseThrow();
        assertThat(single.batchTimeStamp()).isFalse();
    }

    @Test
    void flippingAByteOfAnyEntryFails() throws Exception {
        var verifier = new AsicVerifier(VerificationConf.of(StoredGlobalConf.load(Vectors.file(CONF))));
        int flipped = 0;
        for (String file : new String[] {"valid-non-batch-rest.asice", "valid-batch-ts.asice"}) {
            var entries = AsicContainerConformanceTest.entries(Vectors.bytes(DIR + file));
            for (String name : entries.keySet()) {
                // Manifests and the token's certificate set included: X-Road checks neither, Sild does.
                var copy = new LinkedHashMap<String, byte[]>();
                entries.forEach((k, v) -> copy.put(k, v.clone()));
                byte[] data = copy.get(name);
                data[data.length / 2] ^= 0x01;
                var out = new java.io.ByteArrayOutputStream();
                try (var zip = new java.util.zip.ZipOutputStream(out)) {
                    for (var e : copy.entrySet()) {
                        zip.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
                        zip.write(e.getValue());
                    }
                }
                AsicVerification result = verifier.verify(out.toByteArray());
                assertThat(result.valid()).as(file + " with " + name + " changed").isFalse();
                assertThat(result.reason()).isNotBlank();
                flipped++;
            }
        }
        Vectors.report("ASiC verification, tampered entries", flipped);
    }
}
