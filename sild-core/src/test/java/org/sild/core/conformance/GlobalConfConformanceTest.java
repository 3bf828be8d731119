package org.sild.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ConfigurationAnchor;
import org.sild.core.globalconf.ConfigurationDirectory;
import org.sild.core.globalconf.ContentPart;
import org.sild.core.globalconf.DirectoryBuilder;
import org.sild.core.globalconf.DirectorySigner;
import org.sild.core.globalconf.DirectoryVerifier;
import org.sild.core.globalconf.MonitoringParameters;
import org.sild.core.globalconf.OcspFetchInterval;
import org.sild.core.globalconf.OcspNextUpdate;
import org.sild.core.globalconf.PrivateParameters;
import org.sild.core.globalconf.SharedParameters;
import org.sild.core.globalconf.SharedParametersIndex;
import org.sild.core.globalconf.StoredGlobalConf;
import org.sild.core.id.GlobalGroupId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.testing.Vectors;

/**
 * Section A of the X-Road 7.8 vectors: signed directories (hand-made samples and central server
 * output of versions 3 to 6, key rotation), anchors, shared and private parameters of every
 * version, stored trees and optional parts, and the central server's byte-exact generator output.
 */
class GlobalConfConformanceTest {

    private static final String CC = "src/service/configuration-client/configuration-client-core/src/test/resources/";
    private static final String CERTS = "src/common/common-test/src/test/certs/";
    private static final String SYSTEST = "src/security-server/system-test/src/";
    private static final String PUBLIC = SYSTEST + "intTest/resources/nginx-container-files/var/lib/xroad/public/";
    private static final String ROTATED = SYSTEST + "intTest/resources/files/global_conf_signed_with_rotated_keys/";
    private static final String ANCHOR = SYSTEST + "intTest/resources/files/trusted-anchor/configuration_anchor_CS_internal.xml";
    private static final String GC = "src/lib/globalconf-core/src/test/resources/";

    /** Before every sample's expiry (test-conf-simple expires 2026-05-20) and after V6 generation. */
    private static final Instant PINNED = Instant.parse("2025-11-10T18:00:00Z");
    private static final String[] VERSIONS = {"V3", "V4", "V5", "V6"};

    private static final AtomicInteger EXERCISED = new AtomicInteger();

    @AfterAll
    static void report() {
        Vectors.report("global configuration (section A)", EXERCISED.get());
    }

    // --- hand-made directories of the configuration client tests -------------------------------

    @Test
    void simpleDirectoryVerifiesWithConsumerCertAndListsItsParts() {
        ConfigurationDirectory dir = verifier(cert(CERTS + "consumer.pem")).verify(vector(CC + "test-conf-simple.txt"), PINNED);
        assertThat(dir.expireDate()).isEqualTo(Instant.parse("2026-05-20T17:42:55Z"));
        assertThat(dir.version()).isEmpty();
        assertThat(dir.parts()).extracting(ContentPart::contentLocation)
                .containsExactly("/private-params.xml", "/shared-params.xml", "/foo.xml");
        assertThat(dir.parts()).allSatisfy(p -> assertThat(p.instance()).contains("EE"));
        assertThat(dir.parts(ContentPart.SHARED_PARAMETERS)).hasSize(1);
        for (ContentPart part : dir.parts()) {
            part.verify(vector(CC + "test-conf-simple/EE" + part.contentLocation()));
            EXERCISED.incrementAndGet();
        }
    }

    /** The failures X-Road's ConfigurationParserTest expects (7.8 reports a missing signature as a decode failure). */
    @ParameterizedTest
    @CsvSource({
        "producer.pem, test-conf-simple.txt, GLOBAL_CONF_MISSING_VERIFICATION_CERT",
        "consumer.pem, test-conf-malformed.txt, GLOBAL_CONF_MISSING_SIGNED_DATA_EXPIRATION_DATE",
        "consumer.pem, test-conf-missing-date.txt, GLOBAL_CONF_HEADER_FIELD_MISSING",
        "consumer.pem, test-conf-missing-signature.txt, GLOBAL_CONF_SIGNATURE_VERIFICATION_FAILURE",
        "consumer.pem, test-conf-invalid-signature.txt, GLOBAL_CONF_SIGNATURE_VERIFICATION_FAILURE",
        "consumer.pem, conf1.txt, GLOBAL_CONF_HEADER_FIELD_MISSING"})
    void handMadeDirectoriesFailAsExpected(String cert, String file, ErrorCode expected) {
        assertFault(() -> verifier(cert(CERTS + cert)).verify(vector(CC + file), PINNED), expected);
    }

    @Test
    void simpleDirectoryAfterItsExpiryIsOutdated() {
        assertFault(() -> verifier(cert(CERTS + "consumer.pem"))
                .verify(vector(CC + "test-conf-simple.txt"), Instant.parse("2026-05-20T17:42:55Z")),
                ErrorCode.OUTDATED_GLOBAL_CONF);
    }

    @Test
    void detachedDirectoryVerifiesAndItsPartMatches() {
        var dir = verifier(cert(CERTS + "consumer.pem")).verify(vector(CC + "test-conf-detached.txt"), PINNED);
        dir.parts().get(0).verify(vector(CC + "test-conf-detached/EE/private-params.xml"));
    }

    // --- central server output -----------------------------------------------------------------

    @Test
    void v6InternalDirectoryVerifiesWithTheAnchorAndItsPartsMatch() {
        ConfigurationAnchor anchor = ConfigurationAnchor.parse(vector(ANCHOR));
        assertThat(anchor.instanceIdentifier()).isEqualTo("DEV");
        assertThat(anchor.generatedAt()).contains(Instant.parse("2025-11-05T22:10:45.770Z"));
        assertThat(anchor.sources()).extracting(s -> s.downloadUrl())
                .containsExactly("http://cs/internalconf", "https://cs/internalconf");
        ConfigurationDirectory dir = DirectoryVerifier.of(anchor).verify(vector(PUBLIC + "V6/internalconf"), PINNED);
        assertThat(dir.version()).contains(6);
        assertThat(dir.expireDate()).isEqualTo(Instant.parse("2035-11-11T03:07:40Z"));
        assertThat(dir.signatureAlgorithm()).isEqualTo(SignatureAlgorithm.RSA_SHA512);
        assertThat(dir.verificationCert().getSubjectX500Principal().getName()).isEqualTo("CN=internalSigningKey");
        assertThat(dir.instances()).containsExactly("DEV");
        assertThat(dir.parts()).extracting(ContentPart::contentLocation).containsExactly(
                "/V6/20251110170000548026000/shared-params.xml", "/V6/20251110170000548026000/private-params.xml");
        verifyParts(dir, PUBLIC);
    }

    @Test
    void olderInternalDirectoriesNeedTheKeysTheirSharedParametersAnnounce() {
        ConfigurationAnchor anchor = ConfigurationAnchor.parse(vector(ANCHOR));
        for (String v : List.of("V3", "V4", "V5")) {
            byte[] directory = vector(PUBLIC + v + "/internalconf");
            // Signed with keys rotated after the anchor was issued: the anchor alone does not suffice.
            assertFault(() -> DirectoryVerifier.of(anchor).verify(directory, PINNED),
                    ErrorCode.GLOBAL_CONF_MISSING_VERIFICATION_CERT);
            SharedParameters shared = sharedParametersOf(PUBLIC, v);
            var certs = new ArrayList<>(anchor.verificationCerts());
            certs.addAll(shared.internalVerificationCerts());
            ConfigurationDirectory dir = new DirectoryVerifier(certs).verify(directory, PINNED);
            assertThat(dir.configurationVersion()).isEqualTo(Integer.parseInt(v.substring(1)));
            verifyParts(dir, PUBLIC);
        }
    }

    @Test
    void externalDirectoriesVerifyWithTheExternalKeysOfSharedParameters() {
        for (String v : VERSIONS) {
            SharedParameters shared = sharedParametersOf(PUBLIC, v);
            ConfigurationDirectory dir = new DirectoryVerifier(shared.externalVerificationCerts())
                    .verify(vector(PUBLIC + v + "/externalconf"), PINNED);
            assertThat(dir.parts()).hasSize(1).allSatisfy(p -> assertThat(p.is(ContentPart.SHARED_PARAMETERS)).isTrue());
            EXERCISED.incrementAndGet();
            if (v.equals("V6")) {
                // The published V6 external directory lists a hash that the stored file does not have.
                ContentPart part = dir.parts().get(0);
                assertFault(() -> part.verify(vector(PUBLIC + part.contentLocation())),
                        ErrorCode.GLOBAL_CONF_PART_DOWNLOADED_FILE_INTEGRITY_FAILURE);
            } else {
                verifyParts(dir, PUBLIC);
            }
            assertFault(() -> new DirectoryVerifier(shared.internalVerificationCerts())
                    .verify(vector(PUBLIC + v + "/externalconf"), PINNED), ErrorCode.GLOBAL_CONF_MISSING_VERIFICATION_CERT);
        }
    }

    @Test
    void rotatedKeyDirectoriesVerifyWithTheKeysAnnouncedInTheEarlierSharedParameters() {
        ConfigurationAnchor anchor = ConfigurationAnchor.parse(vector(ANCHOR));
        // The chain of trust for V6: anchor -> V6 directory -> its shared parameters -> the new key.
        ConfigurationDirectory v6 = DirectoryVerifier.of(anchor).verify(vector(PUBLIC + "V6/internalconf"), PINNED);
        ContentPart sharedPart = v6.parts(ContentPart.SHARED_PARAMETERS).get(0);
        byte[] sharedFile = vector(PUBLIC + sharedPart.contentLocation());
        sharedPart.verify(sharedFile);
        SharedParameters trusted = SharedParameters.parse(sharedFile, v6.configurationVersion());
        assertFault(() -> DirectoryVerifier.of(anchor).verify(vector(ROTATED + "V6/internalconf"), PINNED),
                ErrorCode.GLOBAL_CONF_MISSING_VERIFICATION_CERT);

        for (String v : VERSIONS) {
            SharedParameters earlier = v.equals("V6") ? trusted : sharedParametersOf(PUBLIC, v);
            var internal = new ArrayList<>(anchor.verificationCerts());
            internal.addAll(earlier.internalVerificationCerts());
            ConfigurationDirectory dir = new DirectoryVerifier(internal).verify(vector(ROTATED + v + "/internalconf"), PINNED);
            verifyParts(dir, ROTATED);
            ConfigurationDirectory external = new DirectoryVerifier(earlier.externalVerificationCerts())
                    .verify(vector(ROTATED + v + "/externalconf"), PINNED);
            verifyParts(external, ROTATED);
        }
    }

    @Test
    void centralServerSigningIsReproducedByteForByte() throws Exception {
        // GlobalConfSignTest re-signs V6/internalconf with sign-keys/internal.key; PKCS#1 v1.5 is
        // deterministic, so with the published boundaries our writer must produce the same bytes.
        String prefix = "/V6/20251110170000548026000";
        var content = new DirectoryBuilder(new Random(1))
                .expireDate(Instant.parse("2035-11-11T03:07:40Z")).version(6).instance("DEV").pathPrefix(prefix)
                .hashAlgorithm(DigestAlgorithm.SHA512).boundary("CNo5S3hBEIHbDGmANPgi")
                .part(ContentPart.SHARED_PARAMETERS, "shared-params.xml", vector(PUBLIC + prefix + "/shared-params.xml"))
                .part(ContentPart.PRIVATE_PARAMETERS, "private-params.xml", vector(PUBLIC + prefix + "/private-params.xml"))
                .build();
        X509Certificate cert = cert(SYSTEST + "test/resources/sign-keys/internal.crt");
        var signer = new DirectorySigner(privateKey(SYSTEST + "test/resources/sign-keys/internal.key"), cert,
                SignatureAlgorithm.RSA_SHA512, DigestAlgorithm.SHA512, new Random(1));
        byte[] signed = signer.sign(content, "lmyAPTb9i7P4fQ7MmpnZ");
        assertThat(new String(signed, StandardCharsets.UTF_8))
                .isEqualTo(new String(vector(PUBLIC + "V6/internalconf"), StandardCharsets.UTF_8));
    }

    @Test
    void generatorDirectoryMatchesTheCentralServerTestExpectation() {
        var content = new DirectoryBuilder(new Random(1))
                .expireDate(Instant.parse("2022-12-08T08:05:01.123Z")).version(2).instance("CS-INSTANCE")
                .pathPrefix("/V2/some/path").hashAlgorithm(DigestAlgorithm.SHA1)
                .part("CONTENT-ID", "config-file.txt", "config-data".getBytes(StandardCharsets.UTF_8)).build();
        String b = content.boundary();
        assertThat(b).matches("\\w{20}");
        String signable = "--" + b + "\r\n"
                + "Expire-date: 2022-12-08T08:05:01Z\r\n"
                + "Version: 2\r\n"
                + "\r\n"
                + "--" + b + "\r\n"
                + "Content-type: application/octet-stream\r\n"
                + "Content-transfer-encoding: base64\r\n"
                + "Content-identifier: CONTENT-ID; instance='CS-INSTANCE'\r\n"
                + "Content-location: /V2/some/path/config-file.txt\r\n"
                + "Hash-algorithm-id: http://www.w3.org/2000/09/xmldsig#sha1\r\n"
                + "\r\n"
                + "e4VJC7nd16bg9QniBVyvjcaeTwE=\r\n"
                + "--" + b + "--\r\n";
        assertThat(new String(content.signable(), StandardCharsets.UTF_8)).isEqualTo(signable);
        assertThat(content.toString())
                .isEqualTo("Content-Type: multipart/mixed; charset=UTF-8; boundary=" + b + "\r\n\r\n" + signable);
        EXERCISED.incrementAndGet();
    }

    // --- anchors, parameters, trees, optional parts -------------------------------------------

    @Test
    void anchorsParse() {
        for (String path : List.of(ANCHOR, CC + "configuration-anchor1.xml", GC + "configuration-anchor1.xml",
                GC + "configuration-anchor2.xml", "src/tool/asic-verifier-cli/src/test/resources/configuration-anchor1.xml")) {
            ConfigurationAnchor anchor = ConfigurationAnchor.parse(vector(path));
            assertThat(anchor.sources()).isNotEmpty();
            assertThat(ConfigurationAnchor.fileHash(vector(path))).matches("([0-9A-F]{2}:){27}[0-9A-F]{2}");
            assertThat(ConfigurationAnchor.parse(anchor.toXml())).isEqualTo(anchor);
        }
    }

    @Test
    void everySharedAndPrivateParametersFileParsesAndRoundTrips() throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Vectors.root().resolve("src"))) {
            files = walk.filter(p -> p.toString().endsWith("shared-params.xml") || p.toString().endsWith("private-params.xml"))
                    .filter(p -> !p.toString().contains("globalconf_malformed"))
                    .filter(p -> !p.toString().contains("proxy-core")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(50);
        for (Path file : files) {
            byte[] xml = Files.readAllBytes(file);
            int version = versionOf(file);
            if (file.getFileName().toString().startsWith("shared")) {
                SharedParameters p = SharedParameters.parse(xml, version);
                assertThat(p.globalSettings().ocspFreshnessSeconds()).as(file.toString()).isPositive();
                SharedParameters again = SharedParameters.parse(p.toXml(), version);
                assertThat(again).as(file.toString()).isEqualTo(p);
            } else {
                PrivateParameters p = PrivateParameters.parse(xml, version);
                assertThat(PrivateParameters.parse(p.toXml(), version)).as(file.toString()).isEqualTo(p);
            }
            EXERCISED.incrementAndGet();
        }
    }

    @Test
    void v6SharedParametersResolveIdentifiersAndAnswerLookups() {
        var shared = sharedParametersOf(PUBLIC, "V6");
        assertThat(shared.authCertHashAlgorithm()).isEqualTo(DigestAlgorithm.SHA256);
        var index = new SharedParametersIndex(shared);
        var owner = new MemberId("DEV", "COM", "1234");
        var ss0 = index.securityServer(new SecurityServerId(owner, "SS0")).orElseThrow();
        assertThat(ss0.address()).contains("ss0");
        assertThat(index.securityServerByAuthCertHash("7Meh1uzLrM0z4DWhf30PPzICihqTHGgRSmWczyAIWB8=")).contains(ss0);
        assertThat(index.addresses(new MemberId("DEV", "COM", "4321").subsystem("TestClient"))).containsExactly("ss0", "ss1");
        assertThat(index.addresses(owner)).containsExactly("ss0");
        assertThat(index.subsystemName(owner.subsystem("MANAGEMENT"))).contains("Management services");
        assertThat(index.memberName(owner.subsystem("MANAGEMENT"))).contains("Test member");
        assertThat(index.isMember(owner, new GlobalGroupId("DEV", "security-server-owners"))).isTrue();
        assertThat(index.approvedTsas()).singleElement().satisfies(t -> assertThat(t.url()).isEqualTo("http://testca:8899"));
        var topCa = shared.approvedCas().get(0).topCa();
        assertThat(index.caCert(topCa.cert().getSubjectX500Principal())).contains(topCa.cert());
        assertThat(index.ocspResponders(topCa.cert())).singleElement()
                .satisfies(r -> assertThat(r.url()).isEqualTo("http://testca:8888"));
        assertThat(shared.approvedCas().get(1).defaultCsrFormat()).isPresent();
    }

    @Test
    void v2SharedParametersUseSha1AuthCertHashes() {
        var shared = SharedParameters.parse(vector(GC + "globalconf_good_v2/EE/shared-params.xml"), 2);
        assertThat(shared.authCertHashAlgorithm()).isEqualTo(DigestAlgorithm.SHA1);
        assertThat(shared.sources()).isEmpty();
        assertThat(shared.approvedCas()).hasSize(5);
        assertThat(shared.approvedCas().get(4).intermediateCas()).hasSize(3);
        var index = new SharedParametersIndex(shared);
        var producer = index.securityServerByAuthCertHash("mxwUY66bn81Nkvbmbgif0agWZgM=").orElseThrow();
        assertThat(producer.id().owner().memberCode()).isEqualTo("consumer");
    }

    @Test
    void storedTreesOfEveryVersionLoad() {
        for (String tree : List.of(GC + "globalconf_good_v2", GC + "globalconf_good_v3", GC + "globalconf_good_v4",
                GC + "globalconf_good_v5", GC + "globalconf_good_v6", GC + "globalconf_good2_v3",
                "src/addons/messagelog/messagelog-addon/src/test/resources/globalconf")) {
            StoredGlobalConf conf = StoredGlobalConf.load(Vectors.file(tree));
            assertThat(conf.own().sharedParameters()).as(tree).isPresent();
            EXERCISED.incrementAndGet();
        }
        StoredGlobalConf v6 = StoredGlobalConf.load(Vectors.file(GC + "globalconf_good_v6"));
        assertThat(v6.ownInstance()).isEqualTo("EE");
        assertThat(v6.instances().keySet()).containsExactlyInAnyOrder("EE", "bar", "baz_v3", "foo_v2", "quux_v5", "qux_v4");
        assertThat(v6.sharedParameters("foo_v2").orElseThrow().version()).isEqualTo(2);
        assertThat(v6.sharedParameters("qux_v4").orElseThrow().version()).isEqualTo(4);
        assertThat(v6.sharedParameters("EE").orElseThrow().version()).isEqualTo(6);
        assertThat(v6.own().privateParameters()).isPresent();
        v6.checkValid(PINNED);
        assertThat(StoredGlobalConf.load(Vectors.file(GC + "globalconf_good2_v3")).ownInstance()).isEqualTo("DEV");
        for (String dir : List.of("V2", "V3", "V3-many-nodes")) {
            var shared = SharedParameters.parse(vector(CC + dir + "/EE/shared-params.xml"), dir.equals("V2") ? 2 : 3);
            assertThat(shared.securityServers()).isNotEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"globalconf_malformed", "globalconf_missing_identifier", "globalconf_empty"})
    void brokenTreesAreRejected(String tree) {
        assertFault(() -> StoredGlobalConf.load(Vectors.file(GC + tree)), ErrorCode.MALFORMED_GLOBAL_CONF);
    }

    @Test
    void optionalParts() {
        var monitoring = MonitoringParameters.parse(vector(GC + "valid-monitoring-params.xml"));
        assertThat(monitoring.monitoringClientId()).contains(new MemberId("fdev", "GOV", "66655666"));
        assertThat(MonitoringParameters.parse(vector(GC + "empty-monitoring-params.xml")).monitoringClientId()).isEmpty();
        assertFault(() -> MonitoringParameters.parse(vector(GC + "invalid-monitoring-params.xml")),
                ErrorCode.MALFORMED_OPTIONAL_PARTS_CONF);

        assertThat(OcspFetchInterval.parse(vector(GC + "valid-fetchinterval-params.xml")).seconds()).isEqualTo(500);
        assertFault(() -> OcspFetchInterval.parse(vector(GC + "invalid-fetchinterval-params.xml")),
                ErrorCode.MALFORMED_OPTIONAL_PARTS_CONF);
        assertFault(() -> OcspFetchInterval.parse(vector(GC + "empty-fetchinterval-params.xml")),
                ErrorCode.MALFORMED_OPTIONAL_PARTS_CONF);

        assertThat(OcspNextUpdate.parse(vector(GC + "valid-nextupdate-params.xml")).verifyNextUpdate()).isFalse();
        assertFault(() -> OcspNextUpdate.parse(vector(GC + "invalid-nextupdate-params.xml")),
                ErrorCode.MALFORMED_OPTIONAL_PARTS_CONF);
        assertFault(() -> OcspNextUpdate.parse(vector(GC + "empty-nextupdate-params.xml")),
                ErrorCode.MALFORMED_OPTIONAL_PARTS_CONF);
    }

    // --- helpers -------------------------------------------------------------------------------

    private static void verifyParts(ConfigurationDirectory dir, String root) {
        for (ContentPart part : dir.parts()) {
            part.verify(vector(root + part.contentLocation()));
            if (part.is(ContentPart.SHARED_PARAMETERS)) {
                assertThat(SharedParameters.parse(vector(root + part.contentLocation()), dir.configurationVersion())
                        .instanceIdentifier()).isEqualTo(part.instance().orElseThrow());
            }
        }
        EXERCISED.incrementAndGet();
    }

    /** The shared parameters published beside directory {@code root/v}, in its single generation folder. */
    private static SharedParameters sharedParametersOf(String root, String v) {
        try (Stream<Path> dirs = Files.list(Vectors.file(root + v))) {
            Path dir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
            return SharedParameters.parse(Files.readAllBytes(dir.resolve("shared-params.xml")), Integer.parseInt(v.substring(1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The configuration version of a parameters file in the vector tree: from metadata or the V{n} folder. */
    private static int versionOf(Path file) throws Exception {
        Path metadata = file.resolveSibling(file.getFileName() + ".metadata");
        if (Files.exists(metadata)) {
            String json = Files.readString(metadata);
            var m = Pattern.compile("\"configurationVersion\"\\s*:\\s*\"(\\d+)\"").matcher(json);
            return m.find() ? Integer.parseInt(m.group(1)) : 2;
        }
        var m = Pattern.compile("/V(\\d)/").matcher(file.toString().replace('\\', '/'));
        return m.find() ? Integer.parseInt(m.group(1)) : 2;
    }

    private static DirectoryVerifier verifier(X509Certificate cert) {
        return new DirectoryVerifier(List.of(cert));
    }

    private static byte[] vector(String path) {
        EXERCISED.incrementAndGet();
        return Vectors.bytes(path);
    }

    private static X509Certificate cert(String path) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Vectors.bytes(path)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey(String path) throws Exception {
        String pem = new String(Vectors.bytes(path), StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    private static void assertFault(ThrowingCallable call, ErrorCode expected) {
        assertThatThrownBy(call).isInstanceOf(XRoadException.class)
                .satisfies(e -> assertThat(((XRoadException) e).code()).as(e.getMessage()).isEqualTo(FaultCode.of(expected)));
        EXERCISED.incrementAndGet();
    }
}
