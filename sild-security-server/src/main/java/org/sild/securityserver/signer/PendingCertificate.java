package org.sild.securityserver.signer;

import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.pki.Certificates;

/**
 * The self-signed stand-in certificate a key is stored with until its real certificate is imported:
 * a PKCS#12 private key entry must carry a certificate. It is recognised by its subject, which
 * names the key, and is never shown as the key's certificate. Stateless.
 */
final class PendingCertificate {

    private static final String SUBJECT_PREFIX = "CN=Sild pending certificate, O=";

    private PendingCertificate() {
    }

    /** A stand-in certificate for {@code keys}, signed with the key itself. */
    static X509Certificate create(KeyPair keys, String keyId, Instant now) {
        X500Principal subject = subject(keyId);
        var builder = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE, Date.from(now),
                Date.from(now.plusSeconds(100L * 365 * 24 * 3600)), subject, keys.getPublic());
        String algorithm = SignatureAlgorithm.forKey(keys.getPrivate(), DigestAlgorithm.SHA256).jcaName();
        try {
            var signer = new JcaContentSignerBuilder(algorithm).build(keys.getPrivate());
            return Certificates.parseDer(builder.build(signer).getEncoded());
        } catch (OperatorCreationException | IOException e) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "cannot create the stand-in certificate of key "
                    + keyId + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code chain} is just the stand-in certificate of {@code keyId}. */
    static boolean isPending(List<X509Certificate> chain, String keyId) {
        return chain.size() == 1 && chain.get(0).getSubjectX500Principal().equals(subject(keyId))
                && chain.get(0).getIssuerX500Principal().equals(subject(keyId));
    }

    private static X500Principal subject(String keyId) {
        return new X500Principal(SUBJECT_PREFIX + keyId);
    }
}
