package org.sild.core.pki;

import java.io.IOException;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * Builds DER OCSP requests ({@code OCSPRequest}, RFC 6960) for one certificate with a SHA-1
 * CertID, as X-Road's signer sends them ({@code POST}, {@code application/ocsp-request}).
 * Stateless and thread-safe.
 */
public final class OcspRequests {

    private OcspRequests() {
    }

    /** An unsigned request for {@code subject} issued by {@code issuer}, without nonce (as X-Road). */
    public static byte[] build(X509Certificate subject, X509Certificate issuer) {
        return build(subject, issuer, new byte[0]);
    }

    /**
     * An unsigned request for {@code subject} issued by {@code issuer} with a nonce extension holding
     * {@code nonce} as an OCTET STRING (RFC 8954); an empty nonce means none.
     */
    public static byte[] build(X509Certificate subject, X509Certificate issuer, byte[] nonce) {
        var builder = new OCSPReqBuilder().addRequest(certId(subject, issuer));
        try {
            if (nonce.length > 0) {
                builder.setRequestExtensions(new Extensions(Extension.create(
                        OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(nonce))));
            }
            return builder.build().getEncoded();
        } catch (OCSPException | IOException e) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "Cannot build OCSP request for "
                    + Certificates.name(subject), e);
        }
    }

    /** The SHA-1 CertID of {@code subject} issued by {@code issuer}. */
    static CertificateID certId(X509Certificate subject, X509Certificate issuer) {
        try {
            DigestCalculator sha1 = new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1);
            return new CertificateID(sha1, new X509CertificateHolder(Certificates.encoded(issuer)),
                    subject.getSerialNumber());
        } catch (OperatorCreationException | OCSPException | IOException e) {
            throw new XRoadException(ErrorCode.INCORRECT_CERTIFICATE, "Cannot compute the OCSP CertID of "
                    + Certificates.name(subject), e);
        }
    }
}
