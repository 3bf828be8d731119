package org.sild.securityserver.management;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.MemberId;
import org.sild.core.management.ManagementMessage;
import org.sild.core.management.ManagementPackage;
import org.sild.core.management.ManagementRequest;
import org.sild.core.management.MemberSignature;
import org.sild.core.pki.OcspResponse;
import org.sild.securityserver.signer.KeyPurpose;
import org.sild.securityserver.signer.Token;
import org.sild.securityserver.signer.TokenKey;

/**
 * Signs management requests with the keys on the server's token: the member signature with the
 * newest signing certificate of the member the request needs that is valid and has a fresh OCSP
 * response, and for {@code authCertReg} the proof of possession with the authentication key whose
 * public key is the registered certificate's. Thread-safe.
 */
final class RequestSigning {

    private final Token token;
    private final OwnCertificateOcsp ocsp;

    RequestSigning(Token token, OwnCertificateOcsp ocsp) {
        this.token = token;
        this.ocsp = ocsp;
    }

    /** {@code message} as it travels: unsigned, member-signed, or with both signatures for {@code authCertReg}. */
    ManagementPackage sign(ManagementMessage message, Instant now) {
        ManagementRequest request = message.request();
        if (!request.type().isSigned()) {
            return ManagementPackage.unsigned(message);
        }
        MemberSignature member = memberSignature(message, request.requiredSigner().orElseThrow(), now);
        if (request instanceof ManagementRequest.AuthCertReg r) {
            return ManagementPackage.authCertReg(message, token.signingKey(authKey(r.authCert()).id()), member);
        }
        return ManagementPackage.signed(message, member);
    }

    private MemberSignature memberSignature(ManagementMessage message, MemberId member, Instant now) {
        List<TokenKey> keys = token.keys().stream()
                .filter(k -> k.isSigningKeyOf(member) && k.certificate().isPresent())
                .sorted(Comparator.comparing((TokenKey k) -> k.certificate().orElseThrow().getNotBefore()).reversed())
                .toList();
        var problems = new ArrayList<String>();
        for (TokenKey key : keys) {
            X509Certificate certificate = key.certificate().orElseThrow();
            try {
                certificate.checkValidity(Date.from(now));
                OcspResponse response = OcspResponse.parse(ocsp.response(certificate, now));
                return MemberSignature.sign(message, token.signingKey(key.id()), certificate, response);
            } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                problems.add("certificate " + certificate.getSubjectX500Principal().getName() + " is not valid at " + now);
            } catch (XRoadException e) {
                problems.add(e.getMessage());
            }
        }
        if (keys.isEmpty()) {
            problems.add("token " + token.id() + " has no signing key with a certificate for it");
        }
        throw new XRoadException(ErrorCode.CANNOT_CREATE_SIGNATURE, member + " cannot sign the "
                + message.type().serviceCode() + " request: " + String.join("; ", problems));
    }

    private TokenKey authKey(X509Certificate authCert) {
        return token.keys().stream()
                .filter(k -> k.purpose() == KeyPurpose.AUTHENTICATION && k.publicKey().equals(authCert.getPublicKey()))
                .findFirst()
                .orElseThrow(() -> new XRoadException(ErrorCode.KEY_NOT_FOUND, "token " + token.id()
                        + " has no authentication key for certificate " + authCert.getSubjectX500Principal().getName()));
    }
}
