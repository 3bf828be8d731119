package org.sild.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.pki.TrustedCa;
import org.sild.core.pki.CertChain;
import org.sild.core.pki.CertChainVerifier;
import org.sild.core.pki.CertUsage;
import org.sild.core.pki.Certificates;
import org.sild.core.pki.OcspCertStatus;
import org.sild.core.pki.OcspResponse;
import org.sild.core.pki.OcspTrust;
import org.sild.core.pki.OcspVerifier;
import org.sild.core.pki.Pem;
import org.sild.core.pki.TimeStampRequest;
import org.sild.core.pki.TimeStampResponse;
import org.sild.core.pki.TimeStampStatus;
import org.sild.core.pki.TimeStampToken;
import org.sild.core.pki.TimeStampVerifier;
import org.sild.core.pki.VerifiedTimeStamp;
import org.sild.testing.CertSpec;
import org.sild.testing.KeyType;
import org.sild.testing.OcspResponseBuilder;
import org.sild.testing.TestCa;
import org.sild.testing.TestPki;
import org.sild.testing.Vectors;

/**
 * X-Road 7.8 PKI vectors (README-vectors section E and D): the {@code test_chain} certificates of
 * {@code CertChainTest}, the 2013 {@code test.ocsp} response and the {@code tsp.response} time-stamp.
 */
class PkiConformanceTest {

    private static final String CHAIN = "src/common/common-test/src/test/certs/test_chain/";
    private static final String CERTS = "src/common/common-test/src/test/certs/";
    private static final String OCSP = "src/service/proxy/proxy-core/src/test/queries/test.ocsp";
    private static final String TSP = "src/addons/messagelog/messagelog-addon/src/test/resources/tsp.response";
    private static final String TSP_COPY = "src/service/proxy/proxy-core/src/test/resources/tsp.response";
    /** Distinct vector files read, for the report. */
    private static final Set<String> USED = ConcurrentHashMap.newKeySet();

    @AfterAll
    static void report() {
        Vectors.report("PKI (certificate chains, OCSP, time-stamps)", USED.size());
    }

    // -- test_chain: user -> ca_n -> root (X-Road CertChainTest) --

    @Test
    void chainsFromEveryUserToTheRootBuild() {
        X509Certificate root = pem("root_ca.pem");
        List<X509Certificate> cas = List.of(pem("ca_1.pem"), pem("ca_2.pem"), pem("ca_3.pem"));
        var verifier = new CertChainVerifier(List.of(root));

        for (int user = 0; user <= 3; user++) {
            X509Certificate cert = pem("user_" + user + ".pem");
            CertChain chain = verifier.verify(cert, cas, cert.getNotBefore().toInstant().plus(Duration.ofDays(1)));
            assertThat(chain.certificates()).as("user_" + user).hasSize(user + 1);
            assertThat(chain.certificates().subList(1, user + 1)).containsExactlyElementsOf(cas.subList(0, user)
                    .reversed());
            assertThat(chain.trustAnchor()).isEqualTo(root);
        }
        X509Certificate user5 = pem("user_5.pem");
        assertThat(verifier.verify(user5, cas, user5.getNotBefore().toInstant().plus(Duration.ofDays(1)))
                .certificates()).containsExactly(user5, cas.get(1), cas.get(0));
        assertThat(p12("root_ca.p12")).isEqualTo(root);
        assertThat(p12("user_3.p12")).isEqualTo(pem("user_3.pem"));
    }

    @Test
    void chainWithMissingIntermediateCannotBeCreated() {
        var verifier = new CertChainVerifier(List.of(pem("root_ca.pem")));

        assertFault(() -> verifier.verify(pem("user_3.pem"), List.of(pem("ca_1.pem"), pem("ca_3.pem")), at2013()),
                ErrorCode.CANNOT_CREATE_CERT_PATH);
    }

    @Test
    void md5SignedUserCertificateIsRejected() {
        X509Certificate md5 = p12("user_3_md5.p12");
        assertThat(md5.getSigAlgName()).isEqualToIgnoringCase("MD5withRSA");

        assertFault(() -> new CertChainVerifier(List.of(pem("root_ca.pem"))).verify(md5, threeCas(), at2013()),
                ErrorCode.CANNOT_CREATE_CERT_PATH);
    }

    @Test
    void userCertificateWithInvalidSignatureIsRejected() {
        X509Certificate invalid = p12("user_invalid_sig.p12");

        assertFault(() -> new CertChainVerifier(List.of(pem("root_ca.pem"))).verify(invalid, threeCas(), at2013()),
                ErrorCode.CANNOT_CREATE_CERT_PATH);
    }

    @Test
    void caCertificateWithoutExtensionsIsRejected() {
        var cas = new ArrayList<>(threeCas());
        cas.add(pem("ca_4_no_ext.pem"));

        assertFault(() -> new CertChainVerifier(List.of(pem("root_ca.pem"))).verify(pem("user_4.pem"), cas, at2013()),
                ErrorCode.CANNOT_CREATE_CERT_PATH);
    }

    @Test
    void expiredUserCertificateIsCertValidityTime() {
        assertFault(() -> new CertChainVerifier(List.of(pem("root_ca.pem")))
                .verify(pem("user_3.pem"), threeCas(), Instant.parse("2020-01-01T00:00:00Z")),
                ErrorCode.CERT_VALIDITY_TIME);
    }

    @Test
    void chainWithOcspSignedByTheVectorCaKeys() {
        Instant at = at2013();
        Clock clock = Clock.fixed(at, ZoneOffset.UTC);
        X509Certificate root = pem("root_ca.pem");
        List<X509Certificate> cas = threeCas();
        X509Certificate user = pem("user_3.pem");
        List<X509Certificate> subjects = List.of(user, cas.get(2), cas.get(1), cas.get(0));
        List<String> issuerKeys = List.of("ca_3.key", "ca_2.key", "ca_1.key", "root_ca.key");
        List<X509Certificate> issuers = List.of(cas.get(2), cas.get(1), cas.get(0), root);
        var good = new ArrayList<OcspResponse>();
        for (int i = 0; i < subjects.size(); i++) {
            TestCa ca = TestCa.of(issuers.get(i), key(issuerKeys.get(i)), List.of(), KeyType.RSA_2048, clock);
            good.add(OcspResponse.parse(ca.ocsp(subjects.get(i)).signatureAlgorithm("SHA1withRSA").build()));
        }
        var trust = OcspTrust.of(List.of(TrustedCa.of(root), TrustedCa.of(cas.get(0)), TrustedCa.of(cas.get(1)),
                TrustedCa.of(cas.get(2))));
        var verifier = new CertChainVerifier(List.of(root));

        CertChain chain = verifier.verify(user, cas, good, new OcspVerifier(trust), at);
        assertThat(chain.certificates()).hasSize(4);

        TestCa ca3 = TestCa.of(cas.get(2), key("ca_3.key"), List.of(), KeyType.RSA_2048, clock);
        var withRevoked = new ArrayList<>(good);
        withRevoked.set(0, OcspResponse.parse(ca3.ocsp(user).revoked(at.minusSeconds(60)).build()));
        assertFault(() -> verifier.verify(user, cas, withRevoked, new OcspVerifier(trust), at),
                ErrorCode.INVALID_CERT_PATH, ErrorCode.CERT_VALIDATION);
        assertFault(() -> verifier.verify(user, cas, good.subList(0, 3), new OcspVerifier(trust), at),
                ErrorCode.INVALID_CERT_PATH, ErrorCode.CERT_VALIDATION);
    }

    // -- certs/: root-ca issues producer; ocspsigner (no extensions) answers only when listed --

    @Test
    void listedOcspSignerOfTheTestPkiIsAuthorisedAndUnlistedItIsNot() throws Exception {
        KeyStore rootStore = store(CERTS + "root-ca.p12");
        KeyStore signerStore = store(CERTS + "ocspsigner.p12");
        X509Certificate root = (X509Certificate) rootStore.getCertificate("1");
        X509Certificate signer = (X509Certificate) signerStore.getCertificate("1");
        X509Certificate producer = (X509Certificate) store(CERTS + "producer.p12").getCertificate("1");
        Instant at = Instant.parse("2015-06-01T12:00:00Z");
        Clock clock = Clock.fixed(at, ZoneOffset.UTC);
        OcspResponse response = OcspResponse.parse(OcspResponseBuilder.forCertificate(producer, root, clock)
                .signer(signer, (PrivateKey) signerStore.getKey("1", "test".toCharArray()))
                .build());

        assertThat(CertUsage.isAuthCert(producer)).isTrue();
        assertThat(CertUsage.isSigningCert(producer)).isTrue();
        assertThat(new CertChainVerifier(List.of(root)).verify(producer, List.of(), at).trustAnchor()).isEqualTo(root);
        new OcspVerifier(OcspTrust.of(List.of(new TrustedCa(root, List.of(signer))))).verify(response, producer, root,
                at);
        assertFault(() -> new OcspVerifier(OcspTrust.of(List.of(TrustedCa.of(root)))).verify(response, producer,
                root, at), ErrorCode.INCORRECT_VALIDATION_INFO);
    }

    // -- test.ocsp: a 2013 EJBCA response, responder by key hash, no nextUpdate --

    @Test
    void ocspVectorParses() {
        OcspResponse response = OcspResponse.parse(vector(OCSP));

        Instant time = Instant.parse("2013-02-07T09:02:33Z");
        assertThat(response.status()).isEqualTo(new OcspCertStatus.Good());
        assertThat(response.thisUpdate()).isEqualTo(time);
        assertThat(response.producedAt()).isEqualTo(time);
        assertThat(response.nextUpdate()).isEmpty();
        assertThat(response.serialNumber()).isEqualTo(new BigInteger("3E5F51C4793DB444", 16));
        assertThat(response.responderName()).isEmpty();
        assertThat(response.responderKeyHash()).hasValueSatisfying(h -> assertThat(HexFormat.of().formatHex(h))
                .isEqualTo("772d892e03b6fdf8d26539313522d0461ae8d209"));
        assertThat(response.signatureAlgorithmOid()).isEqualTo("1.2.840.113549.1.1.5");
        assertThat(response.certificates()).hasSize(1);
        assertThat(response.certificates().get(0).getSubjectX500Principal().getName())
                .isEqualTo("C=SE,O=EJBCA Sample,CN=AdminCA1");
    }

    @Test
    void ocspVectorVerifiesWhenFreshAndIsStaleToday() {
        OcspResponse response = OcspResponse.parse(vector(OCSP));
        X509Certificate adminCa = response.certificates().get(0);
        // The subject certificate is not among the vectors; a CertID needs only its serial number.
        X509Certificate subject = TestPki.create().issue(CertSpec.builder(
                new X500Principal("CN=stand-in")).serialNumber(response.serialNumber())
                .build()).certificate();
        var verifier = new OcspVerifier(OcspTrust.of(List.of(TrustedCa.of(adminCa))));
        Instant produced = Instant.parse("2013-02-07T09:02:33Z");

        verifier.verify(response, subject, adminCa, produced.plusSeconds(600));
        assertThat(verifier.responderCertificate(response, adminCa)).contains(adminCa);

        assertThatThrownBy(() -> verifier.verify(response, subject, adminCa, produced.plusSeconds(3601)))
                .isInstanceOfSatisfying(XRoadException.class, e -> {
                    assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.INCORRECT_VALIDATION_INFO));
                    assertThat(e.getMessage()).contains("too old");
                });
        assertFault(() -> verifier.verify(response, subject, adminCa, Instant.parse("2025-01-01T00:00:00Z")),
                ErrorCode.INCORRECT_VALIDATION_INFO);
        assertFault(() -> new OcspVerifier(OcspTrust.of(List.of())).verify(response, subject, pem("root_ca.pem"),
                produced), ErrorCode.INCORRECT_VALIDATION_INFO);
    }

    // -- tsp.response: RFC 3161 response, SHA-256 imprint, nonce 123456789 --

    @Test
    void timeStampVectorParses() {
        byte[] der = vector(TSP);
        assertThat(vector(TSP_COPY)).isEqualTo(der);

        TimeStampResponse response = TimeStampResponse.parse(der);

        assertThat(response.status()).isEqualTo(TimeStampStatus.GRANTED);
        assertThat(response.statusText()).contains("Operation Okay");
        TimeStampToken token = response.token().orElseThrow();
        assertThat(token.digestAlgorithm()).isEqualTo(DigestAlgorithm.SHA256);
        assertThat(HexFormat.of().formatHex(token.imprint()))
                .isEqualTo("71d585c94001734cffc71d02209cda8982399339f668d2772917ed09007921cf");
        assertThat(token.nonce()).contains(BigInteger.valueOf(123456789));
        assertThat(token.genTime()).isEqualTo(Instant.parse("2014-05-06T08:28:49Z"));
        assertThat(token.serialNumber()).isEqualTo(new BigInteger("6C134551E07FE8FA", 16));
        assertThat(token.policy()).isEqualTo("1.2.3");
        assertThat(token.certificates()).isEmpty();
    }

    @Test
    void timeStampVectorVerifiesWithItsTsaCertificate() {
        byte[] der = vector(TSP);
        TimeStampToken token = TimeStampResponse.parse(der).token().orElseThrow();
        X509Certificate tsa = Certificates.parse(vector(CERTS + "tsp.pem"));
        TimeStampRequest request = TimeStampRequest.builder().digestAlgorithm(DigestAlgorithm.SHA256)
                .imprint(token.imprint()).nonce(BigInteger.valueOf(123456789)).build();

        VerifiedTimeStamp verified = new TimeStampVerifier(List.of(tsa)).verifyResponse(der, request);

        assertThat(verified.tsaCertificate()).isEqualTo(tsa);
        assertThat(verified.genTime()).isEqualTo(Instant.parse("2014-05-06T08:28:49Z"));
        assertThat(TimeStampToken.parse(verified.encodedWithTsaCertificate()).certificates()).containsExactly(tsa);
        TimeStampRequest otherNonce = TimeStampRequest.builder().digestAlgorithm(DigestAlgorithm.SHA256)
                .imprint(token.imprint()).nonce(BigInteger.ONE).build();
        assertFault(() -> new TimeStampVerifier(List.of(tsa)).verifyResponse(der, otherNonce),
                ErrorCode.TIMESTAMP_VALIDATION);
        assertFault(() -> new TimeStampVerifier(List.of(pem("root_ca.pem"))).verifyResponse(der, request),
                ErrorCode.TIMESTAMP_VALIDATION);
    }

    // -- PEM edge cases of common-core (CertUtilsTest) --

    @Test
    void pemFilesOfCommonCoreParse() {
        for (String name : List.of("cert_simple.pem", "cert_multi.pem", "cert_multi2.pem", "cert_empty.pem")) {
            String text = new String(vector("src/common/common-core/src/test/resources/" + name),
                    StandardCharsets.US_ASCII);
            assertThat(Pem.readCertificates(text)).as(name).hasSize(1);
            }
    }

    private static byte[] vector(String path) {
        byte[] bytes = Vectors.bytes(path);
        USED.add(path);
        return bytes;
    }

    private static List<X509Certificate> threeCas() {
        return List.of(pem("ca_1.pem"), pem("ca_2.pem"), pem("ca_3.pem"));
    }

    private static Instant at2013() {
        return Instant.parse("2013-01-01T00:00:00Z");
    }

    private static X509Certificate pem(String name) {
        X509Certificate cert = Pem.readCertificate(new String(vector(CHAIN + name), StandardCharsets.US_ASCII));
        return cert;
    }

    private static X509Certificate p12(String name) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(vector(CHAIN + name)), "test".toCharArray());
                return (X509Certificate) store.getCertificate("1");
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }

    private static KeyStore store(String path) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(vector(path)), "test".toCharArray());
        return store;
    }

    private static PrivateKey key(String name) {
        try {
            byte[] der = Pem.decode(new String(vector(CHAIN + name), StandardCharsets.US_ASCII),
                    "PRIVATE KEY").get(0);
                return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }

    private static void assertFault(Runnable call, ErrorCode... code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(XRoadException.class,
                e -> assertThat(e.code()).isEqualTo(FaultCode.of(code)));
    }
}
