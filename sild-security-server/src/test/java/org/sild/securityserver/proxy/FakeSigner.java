package org.sild.securityserver.proxy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.signature.MessageParts;
import org.sild.core.signature.MessageSigner;
import org.sild.core.signature.SignatureData;
import org.sild.core.signature.SigningKey;
import org.sild.securityserver.signer.Signer;
import org.sild.testing.IssuedCert;
import org.sild.testing.TestPki;

/**
 * A signer over test PKI certificates: one EJBCA-profile signing certificate per member (made on
 * {@link #addMember}), signed with {@link MessageSigner}, OCSP responses from the test PKI. Tests
 * can swap the authentication OCSP responses or make signing fail. Thread-safe.
 */
public final class FakeSigner implements Signer {

    private final TestPki pki;
    private final IssuedCert auth;
    private final Map<MemberId, MessageSigner> signers = new ConcurrentHashMap<>();
    private volatile List<byte[]> authOcsp;
    private volatile boolean failing;

    public FakeSigner(TestPki pki, IssuedCert auth) {
        this.pki = pki;
        this.auth = auth;
        this.authOcsp = List.of(pki.ocsp(auth.certificate()).build(), pki.ocsp(pki.intermediate().certificate()).build());
    }

    /** Gives {@code member} a signing key and certificate. */
    public FakeSigner addMember(MemberId member) {
        IssuedCert cert = pki.signingCert(member.memberClass(), member.memberCode());
        signers.put(member, MessageSigner.builder().signingKey(SigningKey.software(cert.privateKey()))
                .certificate(cert.certificate()).extraCertificates(List.of(pki.intermediate().certificate()))
                .ocspResponses(List.of(pki.ocsp(cert.certificate()).build(),
                        pki.ocsp(pki.intermediate().certificate()).build()))
                .build());
        return this;
    }

    /** Replaces the OCSP responses of the authentication chain (leaf first). */
    public void authOcspResponses(List<byte[]> responses) {
        this.authOcsp = List.copyOf(responses);
    }

    /** Makes every signing attempt fail with {@code CannotCreateSignature}. */
    public void failing(boolean failing) {
        this.failing = failing;
    }

    /** The authentication certificate. */
    public IssuedCert auth() {
        return auth;
    }

    @Override
    public SignatureData sign(ClientId sender, MessageParts parts) {
        if (failing) {
            throw new XRoadException(ErrorCode.CANNOT_CREATE_SIGNATURE, "the test token is switched off");
        }
        MessageSigner signer = signers.get(sender.member());
        if (signer == null) {
            throw new XRoadException(ErrorCode.CANNOT_CREATE_SIGNATURE, "no signing key for " + sender.member());
        }
        return signer.sign(parts);
    }

    @Override
    public AuthKey authKey() {
        return new AuthKey(auth.privateKey(), auth.chain().subList(0, auth.chain().size() - 1));
    }

    @Override
    public List<byte[]> authOcspResponses() {
        return authOcsp;
    }
}
