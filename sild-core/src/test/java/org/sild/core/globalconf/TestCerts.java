package org.sild.core.globalconf;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Keys and certificates for tests: RSA 2048 and EC P-256 pairs, self-signed and issued certificates. */
final class TestCerts {

    static final KeyPair RSA = generate("RSA", 2048);
    static final KeyPair RSA_OTHER = generate("RSA", 2048);
    static final KeyPair EC = generateEc();

    private static final AtomicLong SERIAL = new AtomicLong(1);

    private TestCerts() {
    }

    static X509Certificate selfSigned(KeyPair keys, String cn) {
        return issue(keys, cn, keys, cn);
    }

    /** A certificate for {@code subject} named {@code cn}, signed by {@code issuer} named {@code issuerCn}. */
    static X509Certificate issue(KeyPair subject, String cn, KeyPair issuer, String issuerCn) {
        try {
            var builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuerCn),
                    BigInteger.valueOf(SERIAL.getAndIncrement()), Date.from(Instant.parse("2020-01-01T00:00:00Z")),
                    Date.from(Instant.parse("2040-01-01T00:00:00Z")), new X500Name("CN=" + cn), subject.getPublic());
            String algorithm = issuer.getPrivate() instanceof RSAKey ? "SHA256withRSA" : "SHA256withECDSA";
            var signer = new JcaContentSignerBuilder(algorithm).build(issuer.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate(String algorithm, int size) {
        try {
            var g = KeyPairGenerator.getInstance(algorithm);
            g.initialize(size);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generateEc() {
        try {
            var g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
