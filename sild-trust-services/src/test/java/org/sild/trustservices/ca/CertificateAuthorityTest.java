package org.sild.trustservices.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.trustservices.ca.CaFixtures.NOW;
import static org.sild.trustservices.ca.CaFixtures.assertFault;
import static org.sild.trustservices.ca.CaFixtures.csr;
import static org.sild.trustservices.ca.CaFixtures.root;
import static org.sild.trustservices.ca.CaFixtures.validate;

import java.math.BigInteger;
import java.net.URI;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.id.MemberId;
import org.sild.core.pki.CertUsage;
import org.sild.core.pki.OcspCertStatus;
import org.sild.testing.KeyType;
import org.sild.testing.TestKeys;
import org.sild.testing.TestPki;

class CertificateAuthorityTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    @Test
    void issuesAnAuthenticationCertificateThatChainsToTheRoot() throws Exception {
        var repository = new FakeCertificateRepository();
        var ca = new CertificateAuthority(root(), IssuingPolicy.defaults(), repository, CaFixtures.CLOCK,
                new SecureRandom());

        IssuedCertificate issued = ca.issue(csr("C=DEV, CN=ss1", "auth-ss1"), CertificateType.AUTH);
        X509Certificate cert = issued.certificate();

        assertThat(cert.getSubjectX500Principal()).isEqualTo(new X500Principal("C=DEV, CN=ss1"));
        assertThat(cert.getIssuerX500Principal()).isEqualTo(root().certificate().getSubjectX500Principal());
        assertThat(cert.getPublicKey()).isEqualTo(TestKeys.get(KeyType.RSA_2048, "auth-ss1").getPublic());
        assertThat(cert.getKeyUsage()).startsWith(true, false, true, false);
        assertThat(CertUsage.extendedKeyUsage(cert)).containsExactlyInAnyOrder(CertUsage.CLIENT_AUTH, SERVER_AUTH);
        assertThat(CertUsage.isAuthCert(cert)).isTrue();
        assertThat(CertUsage.isSigningCert(cert)).isFalse();
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getNotBefore().toInstant()).isEqualTo(NOW.minus(CertificateAuthority.BACKDATE));
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(730)));
        assertThat(cert.getExtensionValue("1.3.6.1.5.5.7.1.1")).as("no AIA without an OCSP URL").isNull();
        assertThat(validate(cert, ca.certificate(), NOW)).isNotNull();
        assertThat(issued.type()).isEqualTo(CertificateType.AUTH);
        assertThat(issued.issuedAt()).isEqualTo(NOW);
        assertThat(repository.find(cert.getSerialNumber())).contains(issued);
        assertThat(ca.status(cert.getSerialNumber())).isEqualTo(new OcspCertStatus.Good());
    }

    @Test
    void issuesASigningCertificateInTheEjbcaProfile() throws Exception {
        var ca = CaFixtures.ca();

        X509Certificate cert = ca.issue(csr("C=DEV, O=GOV, CN=70000001", "sign-70000001"), CertificateType.SIGN)
                .certificate();

        assertThat(cert.getKeyUsage()).startsWith(false, true, false);
        assertThat(CertUsage.isSigningCert(cert)).isTrue();
        assertThat(cert.getExtendedKeyUsage()).isNull();
        assertThat(ca.signingMember(cert)).isEqualTo(new MemberId("DEV", "GOV", "70000001"));
        assertThat(validate(cert, root().certificate(), NOW)).isNotNull();
    }

    @Test
    void signingSubjectsMustFitTheProfileAndTheInstance() {
        var ca = CaFixtures.ca();

        assertFault(() -> ca.issue(csr("C=EE, O=GOV, CN=70000001", "sign-x"), CertificateType.SIGN),
                ErrorCode.INCORRECT_CERTIFICATE);
        assertFault(() -> ca.issue(csr("C=DEV, CN=70000001", "sign-x"), CertificateType.SIGN),
                ErrorCode.INCORRECT_CERTIFICATE);
        assertFault(() -> ca.issue(csr(new X500Principal(""), TestKeys.get(KeyType.RSA_2048, "sign-x")),
                CertificateType.SIGN), ErrorCode.INVALID_REQUEST);
        assertThat(ca.list()).isEmpty();
    }

    @Test
    void anotherProfileReadsItsOwnSubjects() {
        var policy = IssuingPolicy.builder().instance("EE").signingProfile("Basic").build();
        var ca = CaFixtures.ca(policy);
        var subject = "C=EE, O=Pharmacy, 2.5.4.15=COM, SERIALNUMBER=10000001, CN=Pharmacy";

        X509Certificate cert = ca.issue(csr(subject, "sign-basic"), CertificateType.SIGN).certificate();

        assertThat(ca.signingMember(cert)).isEqualTo(new MemberId("EE", "COM", "10000001"));
        assertFault(() -> ca.issue(csr("C=EE, O=COM, CN=10000001", "sign-basic"), CertificateType.SIGN),
                ErrorCode.INCORRECT_CERTIFICATE);
    }

    @Test
    void authenticationSubjectsNeedACommonName() {
        var ca = CaFixtures.ca();

        assertFault(() -> ca.issue(csr("C=DEV, O=GOV", "auth-x"), CertificateType.AUTH), ErrorCode.INVALID_REQUEST);
        assertFault(() -> ca.issue(csr("C=DEV, CN=\" \"", "auth-x"), CertificateType.AUTH),
                ErrorCode.INVALID_REQUEST);
        // RFC 2253 strings list the most specific RDN first; that one counts.
        assertThat(CertificateAuthority.commonName(new X500Principal("CN=a, OU=x, CN=b"))).contains("a");
    }

    @Test
    void badRequestsAreRefused() {
        var ca = CaFixtures.ca();
        byte[] good = csr("C=DEV, CN=ss1", "auth-ss1");
        byte[] tampered = good.clone();
        tampered[tampered.length - 5] ^= 1;

        assertFault(() -> ca.issue(new byte[] {0x30, 0x03, 1, 2, 3}, CertificateType.AUTH), ErrorCode.INVALID_REQUEST);
        assertFault(() -> ca.issue(tampered, CertificateType.AUTH), ErrorCode.INVALID_REQUEST);
        assertFault(() -> ca.issue(new byte[70_000], CertificateType.AUTH), ErrorCode.INVALID_REQUEST);
        assertFault(() -> ca.issue(weakRequest(), CertificateType.AUTH), ErrorCode.INVALID_REQUEST);
        assertThat(ca.list()).isEmpty();
    }

    @Test
    void acceptsEcKeys() throws Exception {
        var ca = CaFixtures.ca();
        X509Certificate cert = ca.issue(csr(new X500Principal("C=DEV, CN=ss-ec"),
                TestKeys.get(KeyType.EC_P256, "auth-ec")), CertificateType.AUTH).certificate();
        assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(validate(cert, root().certificate(), NOW)).isNotNull();
    }

    @Test
    void serialNumbersAreRandomUniqueAndRedrawnWhenTaken() {
        var repository = new FakeCertificateRepository();
        var ca = new CertificateAuthority(root(), IssuingPolicy.defaults(), repository, CaFixtures.CLOCK,
                new SecureRandom());
        Set<BigInteger> serials = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            BigInteger serial = ca.issue(csr("C=DEV, CN=ss" + i, "auth-ss1"), CertificateType.AUTH).serialNumber();
            assertThat(serial.signum()).isPositive();
            assertThat(serial.bitLength()).isLessThanOrEqualTo(64);
            serials.add(serial);
        }
        assertThat(serials).hasSize(20);
        assertThat(serials.stream().mapToInt(BigInteger::bitLength).max().orElseThrow()).isGreaterThan(56);

        repository.refuseNext(3);
        ca.issue(csr("C=DEV, CN=retry", "auth-ss1"), CertificateType.AUTH);
        assertThat(repository.list()).hasSize(21);

        repository.refuseNext(100);
        assertFault(() -> ca.issue(csr("C=DEV, CN=never", "auth-ss1"), CertificateType.AUTH),
                ErrorCode.INTERNAL_ERROR);
    }

    @Test
    void validityFollowsThePolicyAndEndsWithTheCa() {
        var policy = IssuingPolicy.builder().authValidity(Duration.ofDays(10)).signValidity(Duration.ofDays(50000))
                .ocspUrl(URI.create("http://127.0.0.1:8888/")).build();
        var ca = CaFixtures.ca(policy);

        X509Certificate auth = ca.issue(csr("C=DEV, CN=ss1", "auth-ss1"), CertificateType.AUTH).certificate();
        X509Certificate sign = ca.issue(csr("C=DEV, O=COM, CN=10000001", "sign-1"), CertificateType.SIGN)
                .certificate();

        assertThat(auth.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(10)));
        assertThat(sign.getNotAfter()).isEqualTo(root().certificate().getNotAfter());
        assertThat(ocspUrls(auth)).containsExactly("http://127.0.0.1:8888/");
    }

    @Test
    void revocationIsRecordedOnceWithTimeAndReason() {
        var ca = CaFixtures.ca();
        BigInteger serial = ca.issue(csr("C=DEV, CN=ss1", "auth-ss1"), CertificateType.AUTH).serialNumber();

        IssuedCertificate revoked = ca.revoke(serial, RevocationReason.KEY_COMPROMISE);

        assertThat(revoked.revocation()).contains(new Revocation(NOW, RevocationReason.KEY_COMPROMISE));
        assertThat(ca.find(serial)).contains(revoked);
        assertThat(ca.status(serial)).isEqualTo(new OcspCertStatus.Revoked(NOW, Optional.of(1)));
        assertFault(() -> ca.revoke(serial, RevocationReason.SUPERSEDED), ErrorCode.INVALID_REQUEST);
        assertFault(() -> ca.revoke(BigInteger.TEN, RevocationReason.SUPERSEDED), ErrorCode.NOT_FOUND);
        assertThat(ca.status(BigInteger.TEN)).isEqualTo(new OcspCertStatus.Unknown());
        assertThat(ca.find(serial).orElseThrow().revocation().orElseThrow().reason())
                .isEqualTo(RevocationReason.KEY_COMPROMISE);
    }

    @Test
    void issuesATsaCertificateWithANewKey() throws Exception {
        var ca = CaFixtures.ca();

        KeyAndCertificate tsa = ca.issueWithNewKey(new X500Principal("CN=Sild TSA, O=Sild"), CertificateType.TSA);

        X509Certificate cert = tsa.certificate();
        assertThat(CertUsage.extendedKeyUsage(cert)).containsExactly(CertUsage.TIME_STAMPING);
        assertThat(cert.getCriticalExtensionOIDs()).contains("2.5.29.37");
        assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(3650)));
        assertThat(validate(cert, root().certificate(), NOW)).isNotNull();
        assertThat(ca.list()).extracting(IssuedCertificate::type).containsExactly(CertificateType.TSA);
        assertThat(tsa.toString()).contains("Sild TSA").doesNotContain("modulus");
    }

    @Test
    void theRootIsASelfSignedCa() throws Exception {
        X509Certificate cert = root().certificate();
        cert.verify(cert.getPublicKey());
        assertThat(cert.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(cert.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(cert.getSubjectX500Principal()).isEqualTo(CaFixtures.ROOT_NAME);
    }

    @Test
    void refusesACredentialThatIsNoCaOrWhoseKeyDoesNotMatch() {
        var pki = TestPki.create();
        var leaf = pki.authCert("SS1");
        var notCa = new KeyAndCertificate(leaf.privateKey(), leaf.certificate());
        var mismatch = new KeyAndCertificate(leaf.privateKey(), root().certificate());

        assertFault(() -> new CertificateAuthority(notCa, IssuingPolicy.defaults(), new FakeCertificateRepository(),
                CaFixtures.CLOCK, new SecureRandom()), ErrorCode.INTERNAL_ERROR);
        assertFault(() -> new CertificateAuthority(mismatch, IssuingPolicy.defaults(), new FakeCertificateRepository(),
                CaFixtures.CLOCK, new SecureRandom()), ErrorCode.INTERNAL_ERROR);
    }

    private static byte[] weakRequest() {
        return csr(new X500Principal("C=DEV, CN=weak"), WeakKeys.RSA_1024);
    }

    private static List<String> ocspUrls(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue("1.3.6.1.5.5.7.1.1");
        try {
            var aia = AuthorityInformationAccess.getInstance(
                    ASN1Primitive.fromByteArray(DEROctetString.getInstance(ext).getOctets()));
            return java.util.Arrays.stream(aia.getAccessDescriptions())
                    .filter(d -> d.getAccessMethod().equals(AccessDescription.id_ad_ocsp))
                    .map(d -> d.getAccessLocation().getName().toString())
                    .toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 1024-bit RSA key, generated once. */
    private static final class WeakKeys {
        static final java.security.KeyPair RSA_1024 = generate();

        private static java.security.KeyPair generate() {
            try {
                var generator = java.security.KeyPairGenerator.getInstance("RSA");
                generator.initialize(1024);
                return generator.generateKeyPair();
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
