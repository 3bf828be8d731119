package org.sild.testing;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

import javax.security.auth.x500.X500Principal;

/**
 * A complete test PKI for X-Road: a root CA, an intermediate CA, an OCSP responder and a TSA, with
 * shortcuts for the certificates security servers and members use.
 *
 * <p>Everything is real cryptography. Keys come from {@link TestKeys}, so building a PKI is cheap
 * after the first one in a JVM; two PKIs with the same {@linkplain Builder#name name} and key type
 * share keys and names (they are effectively the same PKI), a different name gives an independent
 * one. Certificate validity is relative to the {@link Clock} the PKI was built with, read at issue
 * time. The CA certificates are made when the PKI is built; leaf certificates each time a method
 * is called. Immutable after construction; safe to share between threads.
 *
 * <pre>{@code
 * TestPki pki = TestPki.builder().clock(clock).build();
 * IssuedCert auth = pki.authCert("SS1");                      // C=EE, CN=SS1
 * IssuedCert sign = pki.signingCert("GOV", "1234");           // C=EE, O=GOV, CN=1234
 * byte[] ocsp = pki.ocsp(sign.certificate()).build();         // good, now, signed by the CA
 * byte[] tst = pki.timeStamp("SHA-512", digest).response();   // granted, genTime now
 * }</pre>
 */
public final class TestPki {

    private final String name;
    private final String instance;
    private final KeyType keyType;
    private final Clock clock;
    private final TestCa root;
    private final TestCa intermediate;
    private final IssuedCert ocspResponder;
    private final IssuedCert tsa;

    private TestPki(Builder b) {
        this.name = b.name;
        this.instance = b.instance;
        this.keyType = b.keyType;
        this.clock = b.clock;
        this.root = TestCa.root(SubjectNames.commonName(name + " Root CA", name), keyType, name + "/root", clock);
        this.intermediate = root.issueCa(SubjectNames.commonName(name + " Intermediate CA", name), keyType,
                name + "/intermediate");
        this.ocspResponder = intermediate.issue(CertSpec.builder(SubjectNames.commonName(name + " OCSP", name))
                .keyType(keyType)
                .keyLabel(name + "/ocsp")
                .keyUsage(KeyUsage.DIGITAL_SIGNATURE)
                .extendedKeyUsage(CertSpec.OCSP_SIGNING)
                .build());
        this.tsa = intermediate.issue(CertSpec.builder(SubjectNames.commonName(name + " TSA", name))
                .keyType(keyType)
                .keyLabel(name + "/tsa")
                .keyUsage(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.NON_REPUDIATION)
                .extendedKeyUsage(CertSpec.TIME_STAMPING)
                .extendedKeyUsageCritical(true)
                .build());
    }

    /** A PKI with all defaults: name "Sild Test", instance "EE", RSA 2048, the system UTC clock. */
    public static TestPki create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The self-signed root CA. */
    public TestCa root() {
        return root;
    }

    /** The intermediate CA, issued by the root; it issues all leaf certificates. */
    public TestCa intermediate() {
        return intermediate;
    }

    /** The OCSP responder certificate (extended key usage OCSPSigning) issued by the intermediate CA. */
    public IssuedCert ocspResponder() {
        return ocspResponder;
    }

    /** The TSA certificate (critical extended key usage timeStamping) issued by the intermediate CA. */
    public IssuedCert tsa() {
        return tsa;
    }

    /** The X-Road instance identifier used by the profile shortcuts. */
    public String instance() {
        return instance;
    }

    public Clock clock() {
        return clock;
    }

    public KeyType keyType() {
        return keyType;
    }

    /** The CA certificates: the root (trust anchor) then the intermediate. */
    public List<X509Certificate> caCertificates() {
        return List.of(root.certificate(), intermediate.certificate());
    }

    /**
     * A spec for a security server authentication certificate with {@code subject}: keyUsage
     * digitalSignature + keyEncipherment, extended key usage clientAuth + serverAuth.
     */
    public CertSpec.Builder authSpec(X500Principal subject) {
        return CertSpec.builder(subject)
                .keyUsage(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.KEY_ENCIPHERMENT)
                .extendedKeyUsage(CertSpec.CLIENT_AUTH, CertSpec.SERVER_AUTH);
    }

    /** A spec for a member signing certificate with {@code subject}: keyUsage nonRepudiation. */
    public CertSpec.Builder signingSpec(X500Principal subject) {
        return CertSpec.builder(subject).keyUsage(KeyUsage.NON_REPUDIATION);
    }

    /** An authentication certificate in the EJBCA profile: {@code C=instance, CN=serverCode}. */
    public IssuedCert authCert(String serverCode) {
        return issue(authSpec(SubjectNames.ejbcaAuth(instance, serverCode)).build());
    }

    /** An authentication certificate with any subject (see {@link SubjectNames} for the profiles). */
    public IssuedCert authCert(X500Principal subject) {
        return issue(authSpec(subject).build());
    }

    /** A signing certificate in the EJBCA profile: {@code C=instance, O=memberClass, CN=memberCode}. */
    public IssuedCert signingCert(String memberClass, String memberCode) {
        return issue(signingSpec(SubjectNames.ejbcaSigning(instance, memberClass, memberCode)).build());
    }

    /** A signing certificate with any subject (see {@link SubjectNames} for the profiles). */
    public IssuedCert signingCert(X500Principal subject) {
        return issue(signingSpec(subject).build());
    }

    /** Issues any certificate from the intermediate CA. */
    public IssuedCert issue(CertSpec spec) {
        return intermediate.issue(spec);
    }

    /**
     * An OCSP response builder for {@code certificate}, which must be issued by this PKI's root or
     * intermediate CA; signed by that CA unless the builder is told otherwise (for example
     * {@code .signer(pki.ocspResponder())}).
     */
    public OcspResponseBuilder ocsp(X509Certificate certificate) {
        var issuer = certificate.getIssuerX500Principal();
        if (issuer.equals(intermediate.certificate().getSubjectX500Principal())) {
            return intermediate.ocsp(certificate);
        }
        if (issuer.equals(root.certificate().getSubjectX500Principal())) {
            return root.ocsp(certificate);
        }
        throw new IllegalArgumentException("not issued by " + name + ": " + certificate.getSubjectX500Principal());
    }

    /** A time-stamp response builder for {@code imprint} (a {@code digestAlgorithm} digest), signed by {@link #tsa()}. */
    public TimeStampResponseBuilder timeStamp(String digestAlgorithm, byte[] imprint) {
        return TimeStampResponseBuilder.forImprint(digestAlgorithm, imprint, tsa.certificate(), tsa.privateKey(),
                clock);
    }

    /** A time-stamp response builder answering the DER {@code TimeStampReq} {@code request}, signed by {@link #tsa()}. */
    public TimeStampResponseBuilder timeStampFor(byte[] request) {
        return TimeStampResponseBuilder.forRequest(request, tsa.certificate(), tsa.privateKey(), clock);
    }

    @Override
    public String toString() {
        return "TestPki[" + name + ", " + keyType + "]";
    }

    /** Builds a {@link TestPki}. Not thread-safe. */
    public static final class Builder {
        private String name = "Sild Test";
        private String instance = "EE";
        private KeyType keyType = KeyType.RSA_2048;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The name that goes into CA subjects and key labels; distinct names give independent PKIs. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name);
            return this;
        }

        /** The X-Road instance identifier for the profile shortcuts (default {@code EE}). */
        public Builder instance(String instance) {
            this.instance = Objects.requireNonNull(instance);
            return this;
        }

        /** The key type of the CAs, responder, TSA and (by default) of leaf certificates. */
        public Builder keyType(KeyType keyType) {
            this.keyType = Objects.requireNonNull(keyType);
            return this;
        }

        /** The clock that validity periods, OCSP times and time-stamps are taken from. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public TestPki build() {
            return new TestPki(this);
        }
    }
}
