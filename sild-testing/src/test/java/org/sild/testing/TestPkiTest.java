package org.sild.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TestPkiTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final TestPki PKI = TestPki.builder().clock(CLOCK).build();

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void leafCertificatesOfEveryKeyTypeValidateWithTheJdk(KeyType type) throws Exception {
        IssuedCert sign = PKI.issue(PKI.signingSpec(SubjectNames.ejbcaSigning("EE", "GOV", type.name()))
                .keyType(type).build());

        validate(PKI, sign, NOW);
        assertThat(sign.publicKey().getAlgorithm()).isEqualTo(type.algorithm());
        if (sign.publicKey() instanceof RSAPublicKey rsa) {
            assertThat(rsa.getModulus().bitLength()).isEqualTo(type.size());
        } else {
            assertThat(((ECPublicKey) sign.publicKey()).getParams().getCurve().getField().getFieldSize())
                    .isEqualTo(type.size());
        }
    }

    @Test
    void anEcPkiSignsWithEcdsaThroughout() throws Exception {
        TestPki ec = TestPki.builder().name("EC").keyType(KeyType.EC_P256).clock(CLOCK).build();
        IssuedCert auth = ec.authCert("SS1");

        validate(ec, auth, NOW);
        assertThat(auth.certificate().getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(ec.root().certificate().getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(auth.publicKey()).isInstanceOf(ECPublicKey.class);
    }

    @Test
    void authCertificateHasTheUsagesOfAnXRoadAuthenticationCertificate() throws Exception {
        X509Certificate cert = PKI.authCert("SS1").certificate();

        boolean[] ku = cert.getKeyUsage();
        assertThat(ku[0]).as("digitalSignature").isTrue();
        assertThat(ku[1]).as("nonRepudiation").isFalse();
        assertThat(ku[2]).as("keyEncipherment").isTrue();
        assertThat(cert.getExtendedKeyUsage()).containsExactly(CertSpec.CLIENT_AUTH, CertSpec.SERVER_AUTH);
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getSubjectX500Principal()).isEqualTo(new X500Principal("CN=SS1, C=EE"));
    }

    @Test
    void signingCertificateHasNonRepudiationOnly() {
        X509Certificate cert = PKI.signingCert("GOV", "1234").certificate();

        assertThat(cert.getKeyUsage()).startsWith(false, true, false, false);
        assertThat(rdns(cert.getSubjectX500Principal())).containsExactly("C=EE", "O=GOV", "CN=1234");
    }

    @Test
    void subjectNamesFollowTheXRoadProfiles() {
        assertThat(rdns(SubjectNames.basicSigning("EE", "Acme", "COM", "12345")))
                .containsExactly("C=EE", "O=Acme", "BUSINESSCATEGORY=COM", "SERIALNUMBER=12345", "CN=Acme");
        assertThat(rdns(SubjectNames.basicAuth("EE", "Acme", "12345", "ss1.example.org")))
                .containsExactly("C=EE", "O=Acme", "SERIALNUMBER=12345", "CN=ss1.example.org");
        assertThat(rdns(SubjectNames.fivrkSigning("FI-TEST", "ss1", "PUB", "1234567-8", "Acme")))
                .containsExactly("C=FI", "O=Acme", "SERIALNUMBER=FI-TEST/ss1/PUB", "CN=1234567-8");
        assertThat(rdns(SubjectNames.fivrkAuth("FI-TEST", "ss1", "PUB", "Acme", "ss1.example.org")))
                .containsExactly("C=FI", "O=Acme", "SERIALNUMBER=FI-TEST/ss1/PUB", "CN=ss1.example.org");
        assertThat(rdns(SubjectNames.ejbcaAuth("EE", "SS1"))).containsExactly("C=EE", "CN=SS1");
    }

    @Test
    void validityFollowsTheClock() {
        X509Certificate cert = PKI.signingCert("GOV", "1234").certificate();

        assertThat(cert.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
    }

    @Test
    void expiredAndNotYetValidCertificatesFailJdkValidation() {
        IssuedCert expired = PKI.issue(PKI.signingSpec(SubjectNames.ejbcaSigning("EE", "GOV", "old"))
                .expiredAt(NOW).build());
        IssuedCert future = PKI.issue(PKI.signingSpec(SubjectNames.ejbcaSigning("EE", "GOV", "new"))
                .notYetValidAt(NOW).build());

        assertThatThrownBy(() -> validate(PKI, expired, NOW)).isInstanceOf(CertPathValidatorException.class)
                .extracting(e -> ((CertPathValidatorException) e).getReason())
                .isEqualTo(CertPathValidatorException.BasicReason.EXPIRED);
        assertThatThrownBy(() -> validate(PKI, future, NOW)).isInstanceOf(CertPathValidatorException.class)
                .extracting(e -> ((CertPathValidatorException) e).getReason())
                .isEqualTo(CertPathValidatorException.BasicReason.NOT_YET_VALID);
    }

    @Test
    void certificatesWithoutKeyUsageCanBeMade() throws Exception {
        IssuedCert cert = PKI.issue(CertSpec.builder(new X500Principal("CN=bare")).build());

        assertThat(cert.certificate().getKeyUsage()).isNull();
        assertThat(cert.certificate().getExtendedKeyUsage()).isNull();
        validate(PKI, cert, NOW);
    }

    @Test
    void serviceCertificatesHaveTheirExtendedKeyUsages() throws Exception {
        X509Certificate tsa = PKI.tsa().certificate();
        X509Certificate ocsp = PKI.ocspResponder().certificate();

        assertThat(tsa.getExtendedKeyUsage()).containsExactly(CertSpec.TIME_STAMPING);
        assertThat(tsa.getCriticalExtensionOIDs()).contains("2.5.29.37");
        assertThat(ocsp.getExtendedKeyUsage()).containsExactly(CertSpec.OCSP_SIGNING);
        assertThat(ocsp.getCriticalExtensionOIDs()).doesNotContain("2.5.29.37");
        assertThat(PKI.intermediate().certificate().getBasicConstraints()).isZero();
        assertThat(PKI.root().certificate().getBasicConstraints()).isEqualTo(1);
    }

    @Test
    void certificatesRoundTripThroughTheJdkParser() throws Exception {
        IssuedCert cert = PKI.authCert("SS2");

        var parsed = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(cert.encoded()));

        assertThat(parsed).isEqualTo(cert.certificate());
        assertThat(cert.issuer()).isEqualTo(PKI.intermediate().certificate());
        assertThat(cert.chain()).containsExactly(cert.certificate(), PKI.intermediate().certificate(),
                PKI.root().certificate());
    }

    @Test
    void pkcs12ExportLoadsWithTheJdk() throws Exception {
        IssuedCert cert = PKI.signingCert("GOV", "p12");
        char[] password = "secret".toCharArray();

        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(cert.pkcs12(password)), password);

        assertThat(store.getCertificateChain(IssuedCert.DEFAULT_ALIAS)).containsExactly(
                cert.chain().toArray(new X509Certificate[0]));
        var key = (PrivateKey) store.getKey(IssuedCert.DEFAULT_ALIAS, password);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] sig = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(cert.publicKey());
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(sig)).isTrue();
    }

    @Test
    void keysAreCachedPerLabelAndFreshOnRequest() {
        assertThat(TestKeys.get(KeyType.EC_P256, "a")).isSameAs(TestKeys.get(KeyType.EC_P256, "a"));
        assertThat(TestKeys.get(KeyType.EC_P256, "a").getPublic())
                .isNotEqualTo(TestKeys.get(KeyType.EC_P256, "b").getPublic());
        assertThat(TestKeys.fresh(KeyType.EC_P256).getPublic())
                .isNotEqualTo(TestKeys.fresh(KeyType.EC_P256).getPublic());
        assertThat(TestPki.builder().clock(CLOCK).build().root().certificate().getPublicKey())
                .isEqualTo(PKI.root().certificate().getPublicKey());
    }

    @Test
    void pkisWithDifferentNamesAreIndependent() {
        TestPki other = TestPki.builder().name("Other").clock(CLOCK).build();
        IssuedCert foreign = other.signingCert("GOV", "1234");

        assertThat(other.root().certificate().getPublicKey()).isNotEqualTo(PKI.root().certificate().getPublicKey());
        assertThatThrownBy(() -> validate(PKI, foreign, NOW)).isInstanceOf(CertPathValidatorException.class);
        assertThatThrownBy(() -> PKI.ocsp(foreign.certificate())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExistingCaCanIssueAndSignOcsp() throws Exception {
        TestCa wrapped = TestCa.of(PKI.intermediate().certificate(), PKI.intermediate().privateKey(),
                List.of(PKI.root().certificate()), KeyType.EC_P256, CLOCK);
        IssuedCert cert = wrapped.issue(CertSpec.builder(new X500Principal("CN=wrapped")).build());

        validate(PKI, cert, NOW);
        assertThat(cert.publicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(wrapped.ocsp(cert.certificate()).build()).isNotEmpty();
    }

    private static void validate(TestPki pki, IssuedCert cert, Instant at) throws Exception {
        var params = new PKIXParameters(Set.of(new TrustAnchor(pki.root().certificate(), null)));
        params.setRevocationEnabled(false);
        params.setDate(Date.from(at));
        var path = CertificateFactory.getInstance("X.509").generateCertPath(cert.chain().subList(0, cert.chain().size() - 1));
        CertPathValidator.getInstance("PKIX").validate(path, params);
    }

    private static List<String> rdns(X500Principal name) {
        try {
            return new LdapName(name.getName(X500Principal.RFC2253,
                    Map.of("2.5.4.5", "SERIALNUMBER", "2.5.4.15", "BUSINESSCATEGORY"))).getRdns().stream()
                    .map(Rdn::toString).toList();
        } catch (javax.naming.InvalidNameException e) {
            throw new IllegalStateException(e);
        }
    }
}
