package org.sild.core.hashchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;

class HashChainBuilderTest {

    private static final HashChainFiles FILES =
            new HashChainFiles("/hashchainresult.xml", "/hashchain.xml", HashChainFiles.MESSAGE);

    private static Digest sha256(String text) {
        return Digest.of(DigestAlgorithm.SHA256, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void reproducesXRoadsFourLeafVector() {
        var builder = new HashChainBuilder(DigestAlgorithm.SHA256);
        for (String word : List.of("one", "two", "three", "four")) {
            builder.add(sha256(word));
        }
        HashChains chains = builder.build(FILES);
        assertThat(chains.root().base64()).isEqualTo("D7oIIfhfp4ToT729xyx991PvstI5XvpW+d7oeWvXw8E=");
        assertThat(new String(chains.resultXml(), StandardCharsets.UTF_8)).isEqualTo("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <ns2:HashChainResult URI="/hashchain.xml#STEP0" xmlns="http://www.w3.org/2000/09/xmldsig#" \
                xmlns:ns2="http://cyber.ee/hashchain">
                    <DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
                    <DigestValue>D7oIIfhfp4ToT729xyx991PvstI5XvpW+d7oeWvXw8E=</DigestValue>
                </ns2:HashChainResult>
                """);
        // The chain of "two" is the one X-Road ships as hc-verifier1-hashchain.xml.
        assertThat(new String(chains.chainXml(1), StandardCharsets.UTF_8)).isEqualTo("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <ns2:HashChain xmlns="http://www.w3.org/2000/09/xmldsig#" xmlns:ns2="http://cyber.ee/hashchain">
                    <ns2:DefaultDigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
                    <ns2:HashStep id="STEP0">
                        <ns2:StepRef URI="#STEP1"/>
                        <ns2:HashValue>
                            <DigestValue>CJdduPWzdgD0PdwsNkHdAnS6wQgw2Okr5p++u4Wt+kk=</DigestValue>
                        </ns2:HashValue>
                    </ns2:HashStep>
                    <ns2:HashStep id="STEP1">
                        <ns2:HashValue>
                            <DigestValue>dpLDrTVAu4A8Ags67mbNiIcSMjTqDG5xQ8Ct1z/0Me0=</DigestValue>
                        </ns2:HashValue>
                        <ns2:DataRef URI="/message.xml">
                            <DigestValue>P8TM/nRYcOLA2Z9x8w/wZWyN7dQcwdfT03aw2+aF4vM=</DigestValue>
                        </ns2:DataRef>
                    </ns2:HashStep>
                </ns2:HashChain>
                """);
    }

    @Test
    void promotesALoneLeftChildUnchanged() {
        List<Digest> leaves = List.of(sha256("a"), sha256("b"), sha256("c"));
        var builder = new HashChainBuilder(DigestAlgorithm.SHA256);
        leaves.forEach(builder::add);
        byte[] ab = DigestList.digest(DigestAlgorithm.SHA256, leaves.subList(0, 2));
        byte[] expected = DigestList.digest(DigestAlgorithm.SHA256,
                List.of(new Digest(DigestAlgorithm.SHA256, ab), leaves.get(2)));
        HashChains chains = builder.build(FILES);
        assertThat(chains.root().value()).isEqualTo(expected);
        // "c" sits directly under the root: its chain has one step with the data reference.
        assertThat(new String(chains.chainXml(2), StandardCharsets.UTF_8))
                .contains("<ns2:HashStep id=\"STEP0\">")
                .doesNotContain("STEP1")
                .contains("<ns2:DataRef URI=\"/message.xml\">");
    }

    @Test
    void digestListIsTheDerOfX509StyleSingleDigests() {
        byte[] der = DigestList.encode(List.of(new Digest(DigestAlgorithm.SHA256, new byte[] {1, 2})));
        String uri = DigestAlgorithm.SHA256.uri();
        var expected = new java.io.ByteArrayOutputStream();
        int inner = 4 + 2 + uri.length() + 2;
        expected.write(0x30);
        expected.write(inner + 2);
        expected.write(0x30);
        expected.write(inner);
        expected.writeBytes(new byte[] {0x04, 2, 1, 2, 0x0c, (byte) uri.length()});
        expected.writeBytes(uri.getBytes(StandardCharsets.UTF_8));
        expected.writeBytes(new byte[] {0x30, 0});
        assertThat(der).isEqualTo(expected.toByteArray());
    }

    @Test
    void aSingleMessageWithAttachmentsIsOnePartsStep() {
        List<Digest> parts = List.of(sha256("message"), sha256("att1"), sha256("att2"));
        HashChains chains = new HashChainBuilder(DigestAlgorithm.SHA256).addParts(parts).build(HashChainFiles.SIGNATURE);
        assertThat(chains.size()).isEqualTo(1);
        assertThat(chains.root().value()).isEqualTo(DigestList.digest(DigestAlgorithm.SHA256, parts));
        assertThat(new String(chains.resultXml(), StandardCharsets.UTF_8))
                .contains("URI=\"/sig-hashchain.xml#STEP0\"");
        assertThat(new String(chains.chainXml(0), StandardCharsets.UTF_8))
                .contains("<ns2:DataRef URI=\"/message.xml\">", "<ns2:DataRef URI=\"/attachment1\">",
                        "<ns2:DataRef URI=\"/attachment2\">")
                .doesNotContain("StepRef");
        verifyAll(List.of(parts), chains, HashChainFiles.SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8, 9, 13, 16, 17, 33})
    void everyChainOfABatchVerifies(int n) {
        var inputs = new ArrayList<List<Digest>>();
        for (int i = 0; i < n; i++) {
            // Every third message has attachments, so multipart leaves sit anywhere in the tree.
            inputs.add(i % 3 == 1
                    ? List.of(sha256("m" + i), sha256("a" + i + ".1"), sha256("a" + i + ".2"))
                    : List.of(sha256("m" + i)));
        }
        var builder = new HashChainBuilder(DigestAlgorithm.SHA256);
        inputs.forEach(builder::addParts);
        HashChains chains = builder.build(HashChainFiles.SIGNATURE);
        assertThat(chains.size()).isEqualTo(n);
        verifyAll(inputs, chains, HashChainFiles.SIGNATURE);

        var again = new HashChainBuilder(DigestAlgorithm.SHA256);
        inputs.forEach(again::addParts);
        HashChains second = again.build(HashChainFiles.SIGNATURE);
        assertThat(second.resultXml()).isEqualTo(chains.resultXml());
        for (int i = 0; i < n; i++) {
            assertThat(second.chainXml(i)).isEqualTo(chains.chainXml(i));
        }
    }

    @Test
    void timeStampChainsReferenceTheSignatureDocument() {
        var builder = new HashChainBuilder(DigestAlgorithm.SHA512);
        for (int i = 0; i < 5; i++) {
            builder.add(Digest.of(DigestAlgorithm.SHA512, ("sig" + i).getBytes(StandardCharsets.UTF_8)));
        }
        HashChains chains = builder.build(HashChainFiles.TIMESTAMP);
        assertThat(new String(chains.resultXml(), StandardCharsets.UTF_8)).contains("/ts-hashchain.xml#STEP0");
        for (int i = 0; i < 5; i++) {
            byte[] chain = chains.chainXml(i);
            var result = HashChainVerifier.builder()
                    .resolver(uri -> uri.equals("/ts-hashchain.xml") ? Optional.of(chain) : Optional.empty())
                    .input("/META-INF/signatures.xml",
                            Digest.of(DigestAlgorithm.SHA512, ("sig" + i).getBytes(StandardCharsets.UTF_8)))
                    .build().verify(chains.resultXml());
            assertThat(result.result()).isEqualTo(chains.root());
        }
    }

    @Test
    void refusesBatchesThatNeedNoChain() {
        assertThatThrownBy(() -> new HashChainBuilder(DigestAlgorithm.SHA256).build(FILES))
                .isInstanceOf(XRoadException.class);
        assertThatThrownBy(() -> new HashChainBuilder(DigestAlgorithm.SHA256).add(sha256("x")).build(FILES))
                .isInstanceOf(XRoadException.class)
                .hasMessageContaining("two inputs");
    }

    @Test
    void refusesInputsOfAnotherAlgorithm() {
        assertThatThrownBy(() -> new HashChainBuilder(DigestAlgorithm.SHA512).add(sha256("x")))
                .isInstanceOfSatisfying(XRoadException.class,
                        e -> assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.INTERNAL_ERROR)))
                .hasMessageContaining("SHA-256");
    }

    private static void verifyAll(List<List<Digest>> inputs, HashChains chains, HashChainFiles files) {
        for (int i = 0; i < inputs.size(); i++) {
            byte[] chain = chains.chainXml(i);
            var b = HashChainVerifier.builder()
                    .resolver(uri -> uri.equals(files.chainName()) ? Optional.of(chain) : Optional.empty());
            List<Digest> parts = inputs.get(i);
            b.input(files.dataRef(), parts.get(0));
            for (int a = 1; a < parts.size(); a++) {
                b.input(HashChainFiles.attachment(a), parts.get(a));
            }
            assertThat(b.build().verify(chains.resultXml()).result()).isEqualTo(chains.root());

            // Another message's digest does not fit this chain.
            var wrong = HashChainVerifier.builder()
                    .resolver(uri -> uri.equals(files.chainName()) ? Optional.of(chain) : Optional.empty())
                    .input(files.dataRef(), sha256("not in the batch"));
            for (int a = 1; a < parts.size(); a++) {
                wrong.input(HashChainFiles.attachment(a), parts.get(a));
            }
            assertThatThrownBy(() -> wrong.build().verify(chains.resultXml()))
                    .isInstanceOfSatisfying(XRoadException.class,
                            e -> assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.INVALID_HASH_CHAIN)));
        }
    }
}
