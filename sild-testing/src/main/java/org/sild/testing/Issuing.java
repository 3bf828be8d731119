package org.sild.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.time.Instant;
import java.util.Date;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificate creation and signing shared by the CA, the OCSP responder and the TSA. */
final class Issuing {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Issuing() {
    }

    /** The signature algorithm the test PKI signs with when using {@code key} (public or private). */
    static String signatureAlgorithm(Key key) {
        if (key instanceof ECKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize() > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
        }
        return "SHA256withRSA";
    }

    static ContentSigner signer(String algorithm, PrivateKey key) {
        try {
            return new JcaContentSignerBuilder(algorithm).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign with " + algorithm, e);
        }
    }

    static BigInteger randomSerial() {
        return new BigInteger(63, RANDOM).add(BigInteger.ONE);
    }

    /** Signs a certificate for {@code subjectKey} as described by {@code spec}, validity already resolved. */
    static X509Certificate certificate(CertSpec spec, PublicKey subjectKey, Instant notBefore, Instant notAfter,
            X500Principal issuerName, PublicKey issuerKey, PrivateKey issuerPrivateKey) {
        try {
            var utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    spec.serialNumber().orElseGet(Issuing::randomSerial), Date.from(notBefore), Date.from(notAfter),
                    spec.subject(), subjectKey);
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(issuerKey));
            if (spec.caPathLength().isPresent()) {
                builder.addExtension(Extension.basicConstraints, true,
                        new BasicConstraints(spec.caPathLength().get()));
            }
            if (spec.keyUsage().isPresent()) {
                builder.addExtension(Extension.keyUsage, true, keyUsage(spec.keyUsage().get()));
            }
            if (!spec.extendedKeyUsage().isEmpty()) {
                KeyPurposeId[] purposes = spec.extendedKeyUsage().stream()
                        .map(oid -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid)))
                        .toArray(KeyPurposeId[]::new);
                builder.addExtension(Extension.extendedKeyUsage, spec.extendedKeyUsageCritical(),
                        new ExtendedKeyUsage(purposes));
            }
            X509CertificateHolder holder = builder.build(signer(signatureAlgorithm(issuerPrivateKey), issuerPrivateKey));
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + spec.subject(), e);
        }
    }

    private static org.bouncycastle.asn1.x509.KeyUsage keyUsage(Set<KeyUsage> usages) {
        int bits = 0;
        for (KeyUsage usage : usages) {
            bits |= bit(usage);
        }
        return new org.bouncycastle.asn1.x509.KeyUsage(bits);
    }

    private static int bit(KeyUsage usage) {
        return switch (usage) {
            case DIGITAL_SIGNATURE -> org.bouncycastle.asn1.x509.KeyUsage.digitalSignature;
            case NON_REPUDIATION -> org.bouncycastle.asn1.x509.KeyUsage.nonRepudiation;
            case KEY_ENCIPHERMENT -> org.bouncycastle.asn1.x509.KeyUsage.keyEncipherment;
            case DATA_ENCIPHERMENT -> org.bouncycastle.asn1.x509.KeyUsage.dataEncipherment;
            case KEY_AGREEMENT -> org.bouncycastle.asn1.x509.KeyUsage.keyAgreement;
            case KEY_CERT_SIGN -> org.bouncycastle.asn1.x509.KeyUsage.keyCertSign;
            case CRL_SIGN -> org.bouncycastle.asn1.x509.KeyUsage.cRLSign;
            case ENCIPHER_ONLY -> org.bouncycastle.asn1.x509.KeyUsage.encipherOnly;
            case DECIPHER_ONLY -> org.bouncycastle.asn1.x509.KeyUsage.decipherOnly;
        };
    }
}
