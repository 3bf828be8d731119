package org.sild.core.asic;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.bouncycastle.asn1.x509.Certificate;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.pki.Certificates;

/**
 * Checks copies of certificates that a container carries where nothing signs them (a time-stamp token's or an
 * OCSP response's certificate set, XAdES {@code CertificateValues}): each must be a trust base certificate byte
 * for byte, or be signed by its issuer's key (the issuer from the trust base or the same set, itself when
 * self-signed) with nothing unsigned changed around that signature. A changed byte then fails. Stateless.
 */
final class CertificateCopies {

    private CertificateCopies() {
    }

    /**
     * Checks the DER {@code copies} against {@code trusted}; {@code invalid} makes the exception for a bad one
     * from what is wrong with it.
     */
    static void check(List<byte[]> copies, Collection<X509Certificate> trusted,
            Function<String, XRoadException> invalid) {
        List<byte[]> known = new ArrayList<>(trusted.size());
        for (X509Certificate c : trusted) {
            try {
                known.add(c.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new XRoadException(ErrorCode.INCORRECT_CERTIFICATE, "trust base certificate "
                        + c.getSubjectX500Principal() + " cannot be encoded", e);
            }
        }
        List<X509Certificate> parsed = new ArrayList<>();
        for (int i = 0; i < copies.size(); i++) {
            try {
                parsed.add(Certificates.parseDer(copies.get(i)));
            } catch (RuntimeException e) {
                throw invalid.apply("has an unreadable certificate #" + (i + 1));
            }
        }
        var issuers = new ArrayList<X509Certificate>(trusted);
        issuers.addAll(parsed);
        for (int i = 0; i < copies.size(); i++) {
            byte[] der = copies.get(i);
            if (known.stream().noneMatch(k -> Arrays.equals(k, der))
                    && !(onlySignedPartsVary(der) && issuedByOneOf(parsed.get(i), issuers))) {
                throw invalid.apply("has certificate #" + (i + 1) + " (" + parsed.get(i).getSubjectX500Principal()
                        + ") that is not in the trust base and whose signature no known issuer's key verifies");
            }
        }
    }

    /**
     * What a certificate's signature does not cover: the outer algorithm (RFC 5280 wants it equal to the signed
     * one) and the signature bit string's unused-bits count (zero for every signature algorithm).
     */
    private static boolean onlySignedPartsVary(byte[] der) {
        Certificate c = Certificate.getInstance(der);
        return c.getSignatureAlgorithm().equals(c.getTBSCertificate().getSignature())
                && c.getSignature().getPadBits() == 0;
    }

    private static boolean issuedByOneOf(X509Certificate certificate, List<X509Certificate> issuers) {
        for (X509Certificate issuer : issuers) {
            if (issuer.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                try {
                    certificate.verify(issuer.getPublicKey());
                    return true;
                } catch (GeneralSecurityException | RuntimeException e) {
                    // not this issuer's signature
                }
            }
        }
        return false;
    }
}
