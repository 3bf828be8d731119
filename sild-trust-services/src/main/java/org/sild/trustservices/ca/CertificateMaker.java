package org.sild.trustservices.ca;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/** Builds and signs X.509 certificates with Bouncy Castle: the self-signed root and the end-entity profiles. */
final class CertificateMaker {

    /** Size of the RSA keys the trust services generate for themselves. */
    static final int RSA_KEY_SIZE = 2048;

    private CertificateMaker() {
    }

    /** A new RSA key pair. */
    static KeyPair generateKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(RSA_KEY_SIZE, RSAKeyGenParameterSpec.F4), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "Cannot generate an RSA key: " + e.getMessage(), e);
        }
    }

    /** The algorithm the trust services sign with using {@code key}: SHA-256 with RSA or ECDSA. */
    static SignatureAlgorithm signatureAlgorithm(PrivateKey key) {
        return SignatureAlgorithm.forKey(key, DigestAlgorithm.SHA256);
    }

    /** A self-signed CA certificate: basicConstraints CA (critical), keyUsage keyCertSign, cRLSign, digitalSignature. */
    static X509Certificate selfSigned(KeyPair keys, X500Principal subject, BigInteger serial, Instant notBefore,
            Instant notAfter) {
        try {
            var utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial, Date.from(notBefore),
                    Date.from(notAfter), subject, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(keys.getPublic()));
            return sign(builder, keys.getPrivate());
        } catch (GeneralSecurityException | IOException e) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "Cannot create CA certificate " + subject + ": "
                    + e.getMessage(), e);
        }
    }

    /** An end-entity certificate of {@code type} for {@code subjectKey}, signed by {@code ca}. */
    static X509Certificate endEntity(KeyAndCertificate ca, CertificateType type, X500Principal subject,
            PublicKey subjectKey, BigInteger serial, Instant notBefore, Instant notAfter, Optional<URI> ocspUrl) {
        try {
            var utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(), serial,
                    Date.from(notBefore), Date.from(notAfter), subject, subjectKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            switch (type) {
                case AUTH -> {
                    builder.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth}));
                }
                case SIGN -> builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.nonRepudiation));
                case TSA -> {
                    builder.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
                    // RFC 3161 §2.3: the TSA certificate's only extended key usage, critical.
                    builder.addExtension(Extension.extendedKeyUsage, true,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
                }
            }
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(ca.certificate()));
            if (ocspUrl.isPresent()) {
                builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                        new AccessDescription(AccessDescription.id_ad_ocsp,
                                new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl.get().toString()))));
            }
            return sign(builder, ca.privateKey());
        } catch (GeneralSecurityException | IOException e) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "Cannot issue certificate for " + subject + ": "
                    + e.getMessage(), e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws GeneralSecurityException {
        try {
            var signer = new JcaContentSignerBuilder(signatureAlgorithm(key).jcaName()).build(key);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
    }
}
