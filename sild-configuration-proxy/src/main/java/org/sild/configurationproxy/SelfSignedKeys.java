package org.sild.configurationproxy;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * Generates a configuration signing key pair with a self-signed certificate, as X-Road's
 * {@code confproxy-add-signing-key} has its signer do: clients use the certificate only as a
 * container of the public key (nobody checks its validity or issuer), so it is long-lived.
 */
final class SelfSignedKeys {

    /** A new key and its certificate. */
    record Generated(PrivateKey privateKey, X509Certificate certificate) {
    }

    private static final Duration VALIDITY = Duration.ofDays(20 * 365);

    private SelfSignedKeys() {
    }

    static Generated generate(SigningKeys.Algorithm algorithm, String commonName, Clock clock, SecureRandom random) {
        try {
            KeyPair keys;
            String signatureAlgorithm;
            if (algorithm == SigningKeys.Algorithm.EC) {
                var generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"), random);
                keys = generator.generateKeyPair();
                signatureAlgorithm = "SHA256withECDSA";
            } else {
                var generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048, random);
                keys = generator.generateKeyPair();
                signatureAlgorithm = "SHA256withRSA";
            }
            Instant now = clock.instant();
            X500Name subject = X500Name.getInstance(new X500Principal("CN=" + commonName.replace("\\", "\\\\")
                    .replace(",", "\\,").replace("+", "\\+").replace("=", "\\=")).getEncoded());
            var builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, random).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject,
                    keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(keys.getPrivate())));
            return new Generated(keys.getPrivate(), cert);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "cannot generate a " + algorithm
                    + " configuration signing key: " + e.getMessage(), e);
        }
    }
}
