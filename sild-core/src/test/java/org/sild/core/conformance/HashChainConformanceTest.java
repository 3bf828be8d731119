package org.sild.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.hashchain.Digest;
import org.sild.core.hashchain.HashChainBuilder;
import org.sild.core.hashchain.HashChainFiles;
import org.sild.core.hashchain.HashChainVerifier;
import org.sild.core.hashchain.HashChains;
import org.sild.testing.Vectors;

/**
 * X-Road's hash chain vectors: the {@code hc-verifier*} files with the cases of X-Road's
 * {@code HashChainVerifierTest}, and the signature and time-stamp hash chains inside the evidence containers.
 */
class HashChainConformanceTest {

    private static final String RESOURCES = "src/common/common-message/src/test/resources/";
    private static final String HASH_CHAIN = "/hashchain.xml";
    private static final AtomicInteger EXERCISED = new AtomicInteger();

    @AfterAll
    static void report() {
        Vectors.report("hash chains", EXERCISED.get());
    }

    private static byte[] hc(String file) {
        return Vectors.bytes(RESOURCES + file);
    }

    private static HashChainVerifier.Builder withFiles(String... uriFilePairs) {
        Map<String, String> files = new HashMap<>();
        for (int i = 0; i < uriFilePairs.length; i += 2) {
            files.put(uriFilePairs[i], uriFilePairs[i + 1]);
        }
        return HashChainVerifier.builder().resolver(uri -> Optional.ofNullable(files.get(uri)).map(f -> hc(f)));
    }

    private static Digest sha256Of(String file) {
        return Digest.of(DigestAlgorithm.SHA256, hc(file));
    }

    private static Digest sha256(int singleByte) {
        return new Digest(DigestAlgorithm.SHA256, new byte[] {(byte) singleByte});
    }

    private static void ok(HashChainVerifier.Builder b, String resultFile) {
        b.build().verify(hc(resultFile));
        EXERCISED.incrementAndGet();
    }

    private static void fails(HashChainVerifier.Builder b, String resultFile, ErrorCode code) {
        assertThatThrownBy(() -> b.build().verify(hc(resultFile)))
                .isInstanceOfSatisfying(XRoadException.class, e -> assertThat(e.code()).isEqualTo(FaultCode.of(code)));
        EXERCISED.incrementAndGet();
    }

    // ---- X-Road's HashChainVerifierTest, case by case ------------------------------------------------

    @Test
    void simpleCorrect() {
        ok(withFiles(HASH_CHAIN, "hc-verifier1-hashchain.xml", "/message.xml", "hc-verifier1-message.xml")
                .input("/message.xml"), "hc-verifier1-hashchainresult.xml");
    }

    @Test
    void simpleAttachedInput() {
        ok(withFiles(HASH_CHAIN, "hc-verifier1-hashchain.xml")
                .input("/message.xml", sha256Of("hc-verifier1-message.xml")), "hc-verifier1-hashchainresult.xml");
    }

    @Test
    void simpleUnusedInputs() {
        fails(withFiles(HASH_CHAIN, "hc-verifier1-hashchain.xml")
                .input("/message.xml", sha256Of("hc-verifier1-message.xml"))
                .input("/unused1").input("/unused2"),
                "hc-verifier1-hashchainresult.xml", ErrorCode.HASH_CHAIN_UNUSED_INPUTS);
    }

    @Test
    void simpleDigestMismatch() {
        fails(withFiles(HASH_CHAIN, "hc-verifier1-hashchain.xml")
                .input("/message.xml", sha256Of("hc-verifier1-hashchain.xml")),
                "hc-verifier1-hashchainresult.xml", ErrorCode.INVALID_HASH_CHAIN);
    }

    @Test
    void simpleTwoHashChains() {
        ok(withFiles(HASH_CHAIN, "hc-verifier4-hashchain1.xml", "/hashchain2.xml", "hc-verifier4-hashchain2.xml",
                "/message.xml", "hc-verifier4-message.xml").input("/message.xml"),
                "hc-verifier4-hashchainresult.xml");
    }

    @Test
    void attachments() {
        ok(withFiles(HASH_CHAIN, "hc-verifier2-hashchain.xml")
                .input("/message.xml", sha256(11)).input("/attachment1", sha256(12))
                .input("/attachment2", sha256(13)).input("/attachment3", sha256(14)),
                "hc-verifier2-hashchainresult.xml");
    }

    @Test
    void attachmentsCannotResolve() {
        ok(withFiles(HASH_CHAIN, "hc-verifier2-hashchain.xml")
                .input("/message.xml", sha256(11))
                .trustUnresolved(uri -> uri.startsWith("/attachment")),
                "hc-verifier2-hashchainresult.xml");
        // Without the caller's permission an unresolvable attachment is an error.
        fails(withFiles(HASH_CHAIN, "hc-verifier2-hashchain.xml").input("/message.xml", sha256(11)),
                "hc-verifier2-hashchainresult.xml", ErrorCode.INVALID_REFERENCE);
    }

    @Test
    void transforms() {
        ok(withFiles(HASH_CHAIN, "hc-verifier3-hashchain.xml", "/message.xml", "hc-verifier3-message.xml")
                .input("/message.xml"), "hc-verifier3-hashchainresult.xml");
    }

    @Test
    void transformsError() {
        fails(withFiles(HASH_CHAIN, "hc-verifier3-hashchain-invalid.xml", "/message.xml", "hc-verifier3-message.xml")
                .input("/message.xml"), "hc-verifier3-hashchainresult.xml", ErrorCode.INVALID_HASH_CHAIN_REF);
    }

    @Test
    void invalidSchema() {
        fails(withFiles(HASH_CHAIN, "hc-verifier5-hashchain-invalid-schema.xml", "/message.xml",
                "hc-verifier3-message.xml").input("/message.xml"),
                "hc-verifier3-hashchainresult.xml", ErrorCode.MALFORMED_HASH_CHAIN);
    }

    // ---- hash chains inside the evidence containers ---------------------------------------------------

    /** The signature hash chain of a container, verified as the ASiC verifier does: message from the container. */
    private static void signatureChain(Map<String, byte[]> container, Optional<ErrorCode> expected) {
        var b = HashChainVerifier.builder()
                .resolver(uri -> Optional.ofNullable(container.get(uri)))
                .input(HashChainFiles.MESSAGE)
                .trustUnresolved(uri -> uri.startsWith("/attachment"));
        check(b, container.get("/sig-hashchainresult.xml"), expected);
    }

    private static void timeStampChain(Map<String, byte[]> container, Optional<ErrorCode> expected) {
        var b = HashChainVerifier.builder()
                .resolver(uri -> Optional.ofNullable(container.get(uri)))
                .input("/META-INF/signatures.xml");
        check(b, container.get("/ts-hashchainresult.xml"), expected);
    }

    private static void check(HashChainVerifier.Builder b, byte[] result, Optional<ErrorCode> expected) {
        if (expected.isEmpty()) {
            b.build().verify(result);
        } else {
            assertThatThrownBy(() -> b.build().verify(result)).isInstanceOfSatisfying(XRoadException.class,
                    e -> assertThat(e.code()).isEqualTo(FaultCode.of(expected.get())));
        }
        EXERCISED.incrementAndGet();
    }

    @Test
    void signatureHashChainsOfTheContainers() {
        signatureChain(Containers.unpacked("valid-signed-hashchain"), Optional.empty());
        signatureChain(Containers.unpacked("invalid-signed-hashchain"), Optional.of(ErrorCode.INVALID_HASH_CHAIN_REF));
        signatureChain(Containers.unpacked("invalid-hashchain-modified-message"),
                Optional.of(ErrorCode.HASH_CHAIN_UNUSED_INPUTS));
        // This chain (X-Road's hc-verifier2 with the message turned into a HashValue) covers no message.
        signatureChain(Containers.unpacked("invalid-not-signed-hashchain"),
                Optional.of(ErrorCode.HASH_CHAIN_UNUSED_INPUTS));
        // A 2014 chain whose message.xml was later edited.
        signatureChain(Containers.unpacked("invalid-incorrect-references"),
                Optional.of(ErrorCode.INVALID_HASH_CHAIN_REF));
    }

    @Test
    void timeStampHashChainsOfTheContainers() {
        timeStampChain(Containers.unpacked("valid-batch-ts"), Optional.empty());
        timeStampChain(Containers.unpacked("invalid-ts-hashchainresult"), Optional.of(ErrorCode.MALFORMED_HASH_CHAIN));
        for (String file : List.of("valid-batch-ts", "valid-non-batch-rest", "valid-non-batch-soap-attachments")) {
            timeStampChain(Containers.zipped(file), Optional.empty());
        }
    }

    @Test
    void theBuilderReproducesTheSignatureChainOfValidSignedHashchain() {
        Map<String, byte[]> c = Containers.unpacked("valid-signed-hashchain");
        // The attachment itself is not in the container; its digest is, in the chain.
        Digest attachment = new Digest(DigestAlgorithm.SHA512,
                dataRefDigest(c.get("/sig-hashchain.xml"), "/attachment1"));
        HashChains built = new HashChainBuilder(DigestAlgorithm.SHA512)
                .addParts(List.of(Digest.of(DigestAlgorithm.SHA512, c.get("/message.xml")), attachment))
                .build(HashChainFiles.SIGNATURE);
        assertThat(built.resultXml()).isEqualTo(c.get("/sig-hashchainresult.xml"));
        assertThat(built.chainXml(0)).isEqualTo(c.get("/sig-hashchain.xml"));
        EXERCISED.incrementAndGet();
    }

    @Test
    void theBuilderReproducesTheTimeStampChainOfValidBatchTs() {
        Map<String, byte[]> c = Containers.zipped("valid-batch-ts");
        byte[] chain = c.get("/ts-hashchain.xml");
        // Leaf 0 is this container's signature, leaf 1 the other record's signature hash (a HashValue here).
        Digest other = new Digest(DigestAlgorithm.SHA512, firstHashValue(chain));
        HashChains built = new HashChainBuilder(DigestAlgorithm.SHA512)
                .add(Digest.of(DigestAlgorithm.SHA512, c.get("/META-INF/signatures.xml")))
                .add(other)
                .build(HashChainFiles.TIMESTAMP);
        assertThat(built.resultXml()).isEqualTo(c.get("/ts-hashchainresult.xml"));
        assertThat(built.chainXml(0)).isEqualTo(chain);
        EXERCISED.incrementAndGet();
    }

    private static byte[] dataRefDigest(byte[] chain, String uri) {
        Matcher m = Pattern.compile("DataRef URI=\"" + Pattern.quote(uri) + "\">\\s*<DigestValue>([^<]+)<")
                .matcher(new String(chain, StandardCharsets.UTF_8));
        assertThat(m.find()).as("DataRef " + uri).isTrue();
        return Base64.getDecoder().decode(m.group(1));
    }

    private static byte[] firstHashValue(byte[] chain) {
        Matcher m = Pattern.compile("HashValue>\\s*<DigestValue>([^<]+)<")
                .matcher(new String(chain, StandardCharsets.UTF_8));
        assertThat(m.find()).isTrue();
        return Base64.getDecoder().decode(m.group(1));
    }

    /**
     * The files of X-Road's test evidence containers by their path in the container ({@code /message.xml},
     * {@code /META-INF/signatures.xml}, …), read from the unpacked sources or from the {@code .asice} files.
     */
    static final class Containers {

        private static final String BASE = "src/tool/asic-verifier-cli/src/test/resources/";

        private Containers() {
        }

        static Map<String, byte[]> unpacked(String name) {
            Path dir = Vectors.file(BASE + "asic-containers/" + name);
            var files = new HashMap<String, byte[]>();
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.filter(Files::isRegularFile).toList()) {
                    files.put("/" + dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return files;
        }

        static Map<String, byte[]> zipped(String name) {
            var files = new HashMap<String, byte[]>();
            try (var zip = new ZipInputStream(new ByteArrayInputStream(Vectors.bytes(BASE + name + ".asice")))) {
                for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                    if (!e.isDirectory()) {
                        files.put("/" + e.getName(), zip.readAllBytes());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return files;
        }
    }
}
