package org.sild.core.signature;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Keys and certificates for the signature tests: a CA and signing certificates issued by it. */
final class TestCredentials {

    static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    private static final AtomicLong SERIAL = new AtomicLong(100);
    private static final KeyPair CA_KEYS = generate("RSA");
    private static final X500Name CA_NAME = new X500Name("CN=Sild Test CA,O=Sild");
    static final X509Certificate CA = issue(CA_KEYS, CA_NAME, true, false);

    static final KeyPair RSA = generate("RSA");
    static final KeyPair EC = generate("EC");

    /** A member signing credential: key, certificate. */
    record Credential(PrivateKey key, X509Certificate certificate) {
        SigningKey signingKey() {
            return SigningKey.software(key);
        }
    }

    private TestCredentials() {
    }

    /** An EJBCA-profile signing certificate (C = instance, O = class, CN = code) for {@code keys}. */
    static Credential member(KeyPair keys, String instance, String memberClass, String code) {
        return new Credential(keys.getPrivate(),
                issue(keys, new X500Name("C=" + instance + ",O=" + memberClass + ",CN=" + code), false, true));
    }

    static Credential withSubject(KeyPair keys, String subject, boolean nonRepudiation) {
        return new Credential(keys.getPrivate(), issue(keys, new X500Name(subject), false, nonRepudiation));
    }

    static KeyPair generate(String algorithm) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                g.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                g.initialize(2048);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate issue(KeyPair subject, X500Name name, boolean ca, boolean nonRepudiation) {
        try {
            var builder = new JcaX509v3CertificateBuilder(CA_NAME, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(NOW.minus(365, ChronoUnit.DAYS)), Date.from(NOW.plus(3650, ChronoUnit.DAYS)),
                    name, subject.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            int usage = ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                    : nonRepudiation ? KeyUsage.nonRepudiation : KeyUsage.digitalSignature;
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(
                            ca ? subject.getPrivate() : CA_KEYS.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
