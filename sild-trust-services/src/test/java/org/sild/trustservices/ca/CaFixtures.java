package org.sild.trustservices.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.pki.CertificationRequest;
import org.sild.testing.KeyType;
import org.sild.testing.TestKeys;

/** Shared fixtures: one root CA per JVM (RSA key generation is slow), requests for test keys, JDK path validation. */
public final class CaFixtures {

    public static final Instant NOW = Instant.parse("2025-06-02T10:15:30Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    public static final X500Principal ROOT_NAME = new X500Principal("CN=Sild Test Development CA, O=Sild");

    private static KeyAndCertificate root;

    private CaFixtures() {
    }

    /** The shared root, made at {@link #NOW}, valid ten years. */
    public static synchronized KeyAndCertificate root() {
        if (root == null) {
            root = CertificateAuthority.createRoot(ROOT_NAME, Duration.ofDays(3650), CLOCK, new SecureRandom());
        }
        return root;
    }

    /** A CA over the shared root with an empty in-memory store. */
    public static CertificateAuthority ca(IssuingPolicy policy) {
        return new CertificateAuthority(root(), policy, new FakeCertificateRepository(), CLOCK, new SecureRandom());
    }

    /** A CA over the shared root with the default policy. */
    public static CertificateAuthority ca() {
        return ca(IssuingPolicy.defaults());
    }

    /** A DER request for {@code subject} with the cached RSA test key {@code label}. */
    public static byte[] csr(String subject, String label) {
        return csr(new X500Principal(subject), TestKeys.get(KeyType.RSA_2048, label));
    }

    public static byte[] csr(X500Principal subject, KeyPair keys) {
        SignatureAlgorithm algorithm = SignatureAlgorithm.forKey(keys.getPrivate(),
                org.sild.core.crypto.DigestAlgorithm.SHA256);
        return CertificationRequest.create(subject, keys.getPublic(), algorithm, data -> {
            try {
                var s = algorithm.newSignature();
                s.initSign(keys.getPrivate());
                s.update(data);
                return s.sign();
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Asserts that {@code call} throws an {@link XRoadException} with fault code {@code code}. */
    public static void assertFault(ThrowingCallable call, ErrorCode... code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(XRoadException.class,
                e -> assertThat(e.code()).isEqualTo(FaultCode.of(code)));
    }

    /** Validates {@code certificate} to {@code anchor} with the JDK's PKIX validator at {@code at}, revocation off. */
    public static PKIXCertPathValidatorResult validate(X509Certificate certificate, X509Certificate anchor, Instant at)
            throws Exception {
        var path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate));
        var params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        params.setRevocationEnabled(false);
        params.setDate(Date.from(at));
        return (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX").validate(path, params);
    }
}
