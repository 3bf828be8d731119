package org.sild.core.asic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Containers made as a security server makes them (SOAP and REST, with and without attachments or body,
 * signed alone or in a batch, single or batch time-stamp) verify, and changing any byte of any of their
 * entries makes them fail with a reason: every byte of entries under 4 KiB, a deterministic sample of at
 * least 300 positions of larger ones.
 */
class AsicRoundTripTest {

    private static final int EXHAUSTIVE_BELOW = 4096;
    private static final int SAMPLE = 300;

    private static final Map<String, AsicContainer> CONTAINERS = containers();
    private static final AsicVerifier VERIFIER = new AsicVerifier(EvidenceFixture.CONF);

    private static Map<String, AsicContainer> containers() {
        var map = new LinkedHashMap<String, AsicContainer>();
        map.put("SOAP request, single time-stamp", EvidenceFixture.single(EvidenceFixture.soapRequest()));
        map.put("SOAP response with attachments, single time-stamp",
                EvidenceFixture.single(EvidenceFixture.soapResponseWithAttachments()));
        map.put("REST request with body, single time-stamp",
                EvidenceFixture.single(EvidenceFixture.restRequestWithBody()));
        var alone = EvidenceFixture.batch(List.of(EvidenceFixture.soapRequest(),
                EvidenceFixture.restRequestWithoutBody()), false);
        map.put("SOAP request, batch time-stamp", alone.get(0));
        map.put("REST request without body, batch time-stamp", alone.get(1));
        var batch = EvidenceFixture.batch(List.of(EvidenceFixture.restResponseWithBody(),
                EvidenceFixture.soapResponseWithAttachments(), EvidenceFixture.restRequestWithoutBody()), true);
        map.put("REST response with body, batch signature, batch time-stamp", batch.get(0));
        map.put("SOAP response with attachments, batch signature, batch time-stamp", batch.get(1));
        map.put("REST request without body, batch signature, batch time-stamp", batch.get(2));
        return map;
    }

    static Stream<String> names() {
        return CONTAINERS.keySet().stream();
    }

    /**
     * The shapes changed byte by byte: SOAP and REST, without and with a body, single and batch signature, single
     * and batch time-stamp (three containers cover these for the test's running time).
     */
    static Stream<String> changed() {
        return Stream.of("SOAP request, single time-stamp", "REST request with body, single time-stamp",
                "REST response with body, batch signature, batch time-stamp");
    }

    @ParameterizedTest
    @MethodSource("names")
    void verifies(String name) {
        AsicContainer container = CONTAINERS.get(name);
        AsicVerification result = VERIFIER.verify(container.toBytes());
        assertThat(result.valid()).as(result.reason()).isTrue();
        var checked = result.checked().orElseThrow();
        assertThat(checked.batchTimeStamp()).isEqualTo(container.batchTimeStamp().isPresent());
        assertThat(checked.signingCertificate()).isEqualTo(EvidenceFixture.SIGNING.certificate());
        assertThat(checked.unverifiedParts()).isEmpty();
        assertThat(AsicContainer.read(container.toBytes())).isEqualTo(container);
    }

    @ParameterizedTest
    @MethodSource("changed")
    void everyChangedByteOfEveryEntryFails(String name) {
        LinkedHashMap<String, byte[]> entries = Zips.unzip(CONTAINERS.get(name).toBytes());
        var survivors = new ArrayList<String>();
        var residual = new java.util.TreeMap<String, Integer>();
        int changed = 0;
        for (String entry : entries.keySet()) {
            byte[] original = entries.get(entry);
            for (int at : positions(entry, original.length)) {
                byte[] data = original.clone();
                data[at]++;
                var copy = new LinkedHashMap<>(entries);
                copy.put(entry, data);
                AsicVerification result = VERIFIER.verify(Zips.zip(copy));
                changed++;
                if (result.valid()) {
                    var kind = Residual.of(entry, original, at);
                    if (kind.isPresent()) {
                        residual.merge(kind.get(), 1, Integer::sum);
                    } else {
                        survivors.add(entry + " byte " + at + " (" + context(original, at) + ")");
                    }
                } else {
                    assertThat(result.reason()).as(entry + " byte " + at).isNotBlank();
                    assertThat(result.code()).isPresent();
                }
            }
        }
        System.out.printf("round trip: %s: %d changed bytes, %d passed outside the documented residue, residue %s%n",
                name, changed, survivors.size(), residual);
        assertThat(survivors).isEmpty();
    }

    @Test
    void theFixtureTrustBaseIsWhatTheTokensCarry() {
        // The stored tokens carry exactly the TSA certificate, which the trust base holds.
        var token = org.sild.core.pki.TimeStampToken.parse(EvidenceFixture.stamp(new byte[] {1}));
        assertThat(token.certificates()).containsExactly(EvidenceFixture.PKI.tsa().certificate());
        assertThat(EvidenceFixture.trustBase()).containsAll(token.certificates());
    }

    /**
     * The documented residue (package-info): changes that leave the evidence's meaning intact in places
     * X-Road's formats do not bind byte for byte.
     */
    static final class Residual {

        private Residual() {
        }

        static java.util.Optional<String> of(String entry, byte[] data, int at) {
            String text = new String(data, java.nio.charset.StandardCharsets.ISO_8859_1);
            boolean xml = entry.endsWith(".xml");
            if (xml && at + 1 < data.length && data[at + 1] == '=' && isBase64(data[at])) {
                return java.util.Optional.of("base64 padding bits");
            }
            if (!entry.equals(AsicEntries.SIGNATURE)) {
                return java.util.Optional.empty();
            }
            if (within(text, at, "<xades:CompleteCertificateRefs", "</xades:CompleteCertificateRefs>")) {
                return java.util.Optional.of("CompleteCertificateRefs");
            }
            if (within(text, at, "<xades:CertificateValues", "</xades:CertificateValues>")) {
                return java.util.Optional.of("CertificateValues");
            }
            if (within(text, at, "<xades:EncapsulatedOCSPValue", "</xades:EncapsulatedOCSPValue>")) {
                return java.util.Optional.of("certificates inside OCSP responses");
            }
            int quote = text.lastIndexOf('"', at - 1);
            boolean inAttribute = quote > 0 && text.indexOf('"', quote + 1) >= at && text.lastIndexOf('=', quote) == quote - 1;
            if (inAttribute && (text.startsWith(" Id=", quote - 4) || text.startsWith(" Target=", quote - 8))
                    && !within(text, at, "<ds:SignedInfo", "</ds:SignedInfo>")
                    && !within(text, at, "<xades:SignedProperties", "</xades:SignedProperties>")) {
                return java.util.Optional.of("unsigned Id/Target attribute");
            }
            return java.util.Optional.empty();
        }

        private static boolean within(String text, int at, String start, String end) {
            int from = text.lastIndexOf(start, at);
            return from >= 0 && text.indexOf(end, from) >= at;
        }

        private static boolean isBase64(byte b) {
            return Character.isLetterOrDigit(b) || b == '+' || b == '/';
        }
    }

    /** All positions of a small entry; else a deterministic spread plus random sample of at least {@link #SAMPLE}. */
    static List<Integer> positions(String entry, int length) {
        if (length < EXHAUSTIVE_BELOW) {
            return java.util.stream.IntStream.range(0, length).boxed().toList();
        }
        var set = new TreeSet<Integer>();
        for (int i = 0; i < SAMPLE / 2; i++) {
            set.add((int) ((long) i * length / (SAMPLE / 2)));
        }
        var random = new Random(entry.hashCode());
        while (set.size() < SAMPLE) {
            set.add(random.nextInt(length));
        }
        set.add(length - 1);
        return List.copyOf(set);
    }

    private static String context(byte[] data, int at) {
        int from = Math.max(0, at - 20);
        int to = Math.min(data.length, at + 20);
        String s = new String(data, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
        return s.substring(0, at - from) + "[" + s.charAt(at - from) + "]" + s.substring(at - from + 1)
                .replaceAll("\\p{Cntrl}", "?");
    }
}
