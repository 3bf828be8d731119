package org.sild.testing;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.security.auth.x500.X500Principal;

/**
 * A certification authority of the test PKI: a CA certificate with its private key, able to issue
 * certificates and to answer OCSP for them.
 *
 * <p>Validity defaults are taken from the CA's {@link Clock} at issue time. A CA can also wrap a
 * certificate and key made elsewhere ({@link #of}), for example the keys shipped with X-Road's test
 * vectors, to sign OCSP responses for them. Immutable; safe to share between threads.
 */
public final class TestCa {

    private static final Duration LEAF_BACKDATE = Duration.ofHours(1);
    private static final Duration LEAF_VALIDITY = Duration.ofDays(365);
    private static final Duration CA_BACKDATE = Duration.ofDays(730);
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;
    private final KeyType defaultKeyType;
    private final Clock clock;

    private TestCa(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain,
            KeyType defaultKeyType, Clock clock) {
        this.certificate = Objects.requireNonNull(certificate);
        this.privateKey = Objects.requireNonNull(privateKey);
        this.chain = List.copyOf(chain);
        this.defaultKeyType = Objects.requireNonNull(defaultKeyType);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * A new self-signed root CA named {@code subject}, its key cached under {@code keyLabel}, valid
     * from two years before the clock's instant until ten years after it.
     */
    public static TestCa root(X500Principal subject, KeyType keyType, String keyLabel, Clock clock) {
        KeyPair keys = TestKeys.get(keyType, keyLabel);
        CertSpec spec = caSpec(subject, keyType, keyLabel, clock.instant(), 1);
        X509Certificate cert = Issuing.certificate(spec, keys.getPublic(), spec.notBefore().orElseThrow(),
                spec.notAfter().orElseThrow(), subject, keys.getPublic(), keys.getPrivate());
        return new TestCa(cert, keys.getPrivate(), List.of(cert), keyType, clock);
    }

    /**
     * A CA made of an existing certificate and its private key; {@code chainAbove} holds the
     * certificates above it up to the root (empty for a root).
     */
    public static TestCa of(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chainAbove,
            KeyType defaultKeyType, Clock clock) {
        var chain = new ArrayList<X509Certificate>();
        chain.add(certificate);
        chain.addAll(chainAbove);
        return new TestCa(certificate, privateKey, chain, defaultKeyType, clock);
    }

    /** The CA certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA's private key. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** This CA's certificate followed by those above it, ending with the root. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The clock this CA takes default validity and OCSP times from. */
    public Clock clock() {
        return clock;
    }

    /** Issues a certificate as described by {@code spec}. */
    public IssuedCert issue(CertSpec spec) {
        KeyPair keys = spec.keyPair().orElseGet(() -> TestKeys.get(spec.keyType().orElse(defaultKeyType),
                spec.keyLabel().orElse(spec.subject().getName())));
        Instant now = clock.instant();
        Instant notBefore = spec.notBefore().orElse(now.minus(LEAF_BACKDATE));
        Instant notAfter = spec.notAfter().orElse(now.plus(LEAF_VALIDITY));
        X509Certificate cert = Issuing.certificate(spec, keys.getPublic(), notBefore, notAfter,
                certificate.getSubjectX500Principal(), certificate.getPublicKey(), privateKey);
        var issuedChain = new ArrayList<X509Certificate>();
        issuedChain.add(cert);
        issuedChain.addAll(chain);
        return new IssuedCert(cert, keys, issuedChain);
    }

    /**
     * Issues a subordinate CA named {@code subject} (keyCertSign + cRLSign, path length 0), its key
     * cached under {@code keyLabel}.
     */
    public TestCa issueCa(X500Principal subject, KeyType keyType, String keyLabel) {
        IssuedCert issued = issue(caSpec(subject, keyType, keyLabel, clock.instant(), 0));
        return new TestCa(issued.certificate(), issued.privateKey(), issued.chain(), keyType, clock);
    }

    /** An OCSP response builder for {@code subject} (issued by this CA), signed by this CA unless changed. */
    public OcspResponseBuilder ocsp(X509Certificate subject) {
        return OcspResponseBuilder.forCertificate(subject, certificate, clock).signer(certificate, privateKey);
    }

    /** The CA's key pair (public key from the certificate). */
    public KeyPair keyPair() {
        return new KeyPair(certificate.getPublicKey(), privateKey);
    }

    private static CertSpec caSpec(X500Principal subject, KeyType keyType, String keyLabel, Instant now,
            int pathLength) {
        return CertSpec.builder(subject)
                .keyType(keyType)
                .keyLabel(keyLabel)
                .validity(now.minus(CA_BACKDATE), now.plus(CA_VALIDITY))
                .keyUsage(KeyUsage.KEY_CERT_SIGN, KeyUsage.CRL_SIGN)
                .ca(pathLength)
                .build();
    }

    @Override
    public String toString() {
        return "TestCa[" + certificate.getSubjectX500Principal() + "]";
    }
}
