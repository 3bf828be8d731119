package org.sild.trustservices.ca;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.MemberId;
import org.sild.core.pki.CertificationRequest;
import org.sild.core.pki.OcspCertStatus;

/**
 * The development certification authority: issues authentication, signing and TSA certificates
 * from PKCS#10 requests under its root certificate, revokes them and answers their status, keeping
 * every certificate and revocation in a {@link CertificateRepository}.
 *
 * <p>The subject of an issued certificate is the request's, checked first: authentication and TSA
 * subjects need a common name (for authentication, the server code); signing subjects must decode
 * through the {@linkplain IssuingPolicy#signingProfile() certificate profile} to a member of the
 * policy's instance, as a security server will decode them (digest 03 §5.6). Serial numbers are
 * random 64-bit numbers, redrawn when taken. Validity starts {@link #BACKDATE} before issue, to
 * tolerate clock skew, and never outlasts the CA certificate.
 *
 * <p>Thread-safe; holds no resources of its own.
 */
public final class CertificateAuthority {

    /** How far before the issue time validity starts. */
    public static final Duration BACKDATE = Duration.ofMinutes(5);

    private static final int MIN_RSA_BITS = 2048;
    private static final int MIN_EC_BITS = 256;
    private static final int SERIAL_ATTEMPTS = 8;

    private final KeyAndCertificate ca;
    private final IssuingPolicy policy;
    private final CertificateRepository repository;
    private final Clock clock;
    private final SecureRandom random;

    /**
     * A CA that signs with {@code ca}.
     *
     * @throws XRoadException {@code InternalError} when {@code ca} is not a CA certificate or its key
     *         does not belong to it
     */
    public CertificateAuthority(KeyAndCertificate ca, IssuingPolicy policy, CertificateRepository repository,
            Clock clock, SecureRandom random) {
        this.ca = Objects.requireNonNull(ca, "ca");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.repository = Objects.requireNonNull(repository, "repository");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        if (ca.certificate().getBasicConstraints() < 0) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR,
                    "Certificate " + ca.certificate().getSubjectX500Principal() + " is not a CA certificate");
        }
        requireMatchingKey(ca);
    }

    /**
     * A new self-signed root: an RSA key and a certificate for {@code subject} valid from
     * {@link #BACKDATE} before now for {@code validity}.
     */
    public static KeyAndCertificate createRoot(X500Principal subject, Duration validity, Clock clock,
            SecureRandom random) {
        KeyPair keys = CertificateMaker.generateKeyPair(random);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        X509Certificate cert = CertificateMaker.selfSigned(keys, subject, randomSerial(random), now.minus(BACKDATE),
                now.plus(validity));
        return new KeyAndCertificate(keys.getPrivate(), cert);
    }

    /** The CA certificate. */
    public X509Certificate certificate() {
        return ca.certificate();
    }

    /** The CA's key and certificate, for the OCSP responder that signs with them. */
    public KeyAndCertificate credential() {
        return ca;
    }

    public IssuingPolicy policy() {
        return policy;
    }

    /**
     * Issues a certificate of {@code type} for the DER PKCS#10 request {@code csr} and stores it.
     *
     * @throws XRoadException {@code InvalidRequest} when the request is malformed, its signature
     *         does not verify, its key is too weak or its subject is empty or lacks a common name;
     *         {@code IncorrectCertificate} when a signing subject does not fit the certificate profile
     *         or names another instance
     */
    public IssuedCertificate issue(byte[] csr, CertificateType type) {
        CertificationRequest request = CertificationRequest.parse(csr);
        checkKey(request.publicKey());
        X500Principal subject = request.subject();
        if (type == CertificateType.SIGN) {
            requireNotEmpty(subject);
        } else {
            commonName(subject).orElseThrow(() -> new XRoadException(ErrorCode.INVALID_REQUEST,
                    "Subject '" + subject.getName() + "' of a " + type.shortName()
                            + " certificate request has no common name (CN)"));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = now.plus(policy.validity(type));
        Instant caNotAfter = ca.certificate().getNotAfter().toInstant();
        if (notAfter.isAfter(caNotAfter)) {
            notAfter = caNotAfter;
        }
        for (int attempt = 0; attempt < SERIAL_ATTEMPTS; attempt++) {
            X509Certificate cert = CertificateMaker.endEntity(ca, type, subject, request.publicKey(),
                    randomSerial(random), now.minus(BACKDATE), notAfter, policy.ocspUrl());
            if (type == CertificateType.SIGN && attempt == 0) {
                signingMember(cert);
            }
            IssuedCertificate issued = IssuedCertificate.of(cert, type, now);
            if (repository.add(issued)) {
                return issued;
            }
        }
        throw new XRoadException(ErrorCode.INTERNAL_ERROR, "No unused serial number after " + SERIAL_ATTEMPTS
                + " attempts");
    }

    /**
     * Generates an RSA key, requests a certificate of {@code type} for it with {@code subject} and
     * issues it, as for the TSA's own certificate.
     */
    public KeyAndCertificate issueWithNewKey(X500Principal subject, CertificateType type) {
        KeyPair keys = CertificateMaker.generateKeyPair(random);
        SignatureAlgorithm algorithm = CertificateMaker.signatureAlgorithm(keys.getPrivate());
        byte[] csr = CertificationRequest.create(subject, keys.getPublic(), algorithm,
                data -> sign(keys.getPrivate(), algorithm, data));
        return new KeyAndCertificate(keys.getPrivate(), issue(csr, type).certificate());
    }

    /** The member a signing certificate names under the policy's profile, which must be of the policy's instance. */
    MemberId signingMember(X509Certificate certificate) {
        // Profiles that do not encode the instance take it from the expected signer; only the instance is read.
        var expected = new MemberId(policy.instance(), "CLASS", "CODE");
        MemberId member = policy.profile().signerOf(certificate, expected);
        if (!member.instance().equals(policy.instance())) {
            throw new XRoadException(ErrorCode.INCORRECT_CERTIFICATE, "Signing certificate subject '"
                    + certificate.getSubjectX500Principal().getName() + "' names instance " + member.instance()
                    + ", this CA certifies members of " + policy.instance());
        }
        return member;
    }

    /** The certificate with serial number {@code serial}, if this CA issued it. */
    public Optional<IssuedCertificate> find(BigInteger serial) {
        return repository.find(serial);
    }

    /** Every certificate this CA issued, oldest first. */
    public List<IssuedCertificate> list() {
        return repository.list();
    }

    /**
     * Revokes the certificate with serial number {@code serial} now, for {@code reason}; the OCSP
     * responder states it from this moment.
     *
     * @throws XRoadException {@code NotFound} when this CA did not issue it, {@code InvalidRequest}
     *         when it is already revoked
     */
    public IssuedCertificate revoke(BigInteger serial, RevocationReason reason) {
        var revocation = new Revocation(clock.instant().truncatedTo(ChronoUnit.SECONDS), reason);
        if (repository.revoke(serial, revocation)) {
            return repository.find(serial).orElseThrow(() -> notFound(serial));
        }
        IssuedCertificate existing = repository.find(serial).orElseThrow(() -> notFound(serial));
        throw new XRoadException(ErrorCode.INVALID_REQUEST, "Certificate " + serial + " is already revoked (at "
                + existing.revocation().map(Revocation::time).orElse(revocation.time()) + ")");
    }

    /** The OCSP status of the certificate with serial number {@code serial}: unknown when this CA did not issue it. */
    public OcspCertStatus status(BigInteger serial) {
        return repository.find(serial).map(IssuedCertificate::ocspStatus).orElseGet(OcspCertStatus.Unknown::new);
    }

    /** A random positive serial number of 64 bits. */
    static BigInteger randomSerial(SecureRandom random) {
        BigInteger serial;
        do {
            serial = new BigInteger(64, random);
        } while (serial.signum() == 0);
        return serial;
    }

    /** The last common name of {@code subject}, if any (the most specific, as X-Road reads names). */
    static Optional<String> commonName(X500Principal subject) {
        Optional<String> found = Optional.empty();
        for (RDN rdn : X500Name.getInstance(subject.getEncoded()).getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                if (atv.getType().equals(BCStyle.CN) && text(atv.getValue()).filter(v -> !v.isBlank()).isPresent()) {
                    found = text(atv.getValue());
                }
            }
        }
        return found;
    }

    private static Optional<String> text(ASN1Encodable value) {
        return value instanceof ASN1String s ? Optional.of(s.getString()) : Optional.empty();
    }

    private static void requireNotEmpty(X500Principal subject) {
        if (X500Name.getInstance(subject.getEncoded()).getRDNs().length == 0) {
            throw new XRoadException(ErrorCode.INVALID_REQUEST, "Certificate request has an empty subject");
        }
    }

    private static void checkKey(PublicKey key) {
        if (key instanceof RSAKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw new XRoadException(ErrorCode.INVALID_REQUEST, "RSA key of " + bits + " bits is too weak; "
                        + MIN_RSA_BITS + " or more required");
            }
        } else if (key instanceof ECKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            if (bits < MIN_EC_BITS) {
                throw new XRoadException(ErrorCode.INVALID_REQUEST, "EC key of " + bits + " bits is too weak; "
                        + MIN_EC_BITS + " or more required");
            }
        } else {
            throw new XRoadException(ErrorCode.INVALID_REQUEST, "Unsupported key algorithm " + key.getAlgorithm()
                    + "; RSA or EC required");
        }
    }

    private static byte[] sign(PrivateKey key, SignatureAlgorithm algorithm, byte[] data) {
        try {
            Signature signature = algorithm.newSignature();
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new XRoadException(ErrorCode.CANNOT_SIGN, "Cannot sign with " + algorithm + ": " + e.getMessage(), e);
        }
    }

    private static void requireMatchingKey(KeyAndCertificate credential) {
        byte[] probe = "sild-ca-key-check".getBytes(StandardCharsets.US_ASCII);
        SignatureAlgorithm algorithm = CertificateMaker.signatureAlgorithm(credential.privateKey());
        try {
            Signature verifier = algorithm.newSignature();
            verifier.initVerify(credential.certificate().getPublicKey());
            verifier.update(probe);
            if (verifier.verify(sign(credential.privateKey(), algorithm, probe))) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // falls through to the fault below
        }
        throw new XRoadException(ErrorCode.INTERNAL_ERROR, "The CA key does not belong to certificate "
                + credential.certificate().getSubjectX500Principal());
    }

    private static XRoadException notFound(BigInteger serial) {
        return new XRoadException(ErrorCode.NOT_FOUND, "No certificate with serial number " + serial);
    }
}
