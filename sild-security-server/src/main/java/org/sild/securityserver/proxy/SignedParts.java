package org.sild.securityserver.proxy;

import java.util.List;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.hashchain.Digest;
import org.sild.core.signature.MessageParts;
import org.sild.core.signature.SignatureData;
import org.sild.core.transport.PartDigest;
import org.sild.core.transport.TransportMessage;

/**
 * What a signature covers and carries, taken from transport message parts: the {@link MessageParts}
 * ({@code /message.xml} bytes and the digests of {@code /attachmentN}) and the {@link SignatureData}
 * (signature with its hash chain parts). Stateless.
 */
public final class SignedParts {

    private SignedParts() {
    }

    /** The message bytes with the digests of the attachments among {@code digests} (the message's own is skipped). */
    public static MessageParts of(byte[] message, List<PartDigest> digests) {
        return new MessageParts(message, digests.stream().filter(d -> !d.name().equals(PartDigest.MESSAGE))
                .map(SignedParts::digest).toList());
    }

    /**
     * The signature a received message carries.
     *
     * @throws XRoadException {@code MissingSignature} without one, {@code SignatureVerification.MalformedSignature}
     *     when only one of the hash chain parts came
     */
    public static SignatureData signatureOf(TransportMessage message) {
        byte[] xml = message.signature().orElseThrow(() -> new XRoadException(ErrorCode.MISSING_SIGNATURE,
                "transport message has no signature part"));
        try {
            return new SignatureData(xml, message.hashChainResult(), message.hashChain());
        } catch (IllegalArgumentException e) {
            throw new XRoadException(ErrorCode.MALFORMED_SIGNATURE, "hash chain result and hash chain must come "
                    + "together").withPrefix(ErrorCode.SIGNATURE_VERIFICATION);
        }
    }

    private static Digest digest(PartDigest d) {
        DigestAlgorithm algorithm = DigestAlgorithm.byName(d.algorithm()).orElseThrow(() -> new XRoadException(
                ErrorCode.UNSUPPORTED_ALGORITHM, "unsupported digest algorithm " + d.algorithm()));
        return new Digest(algorithm, d.digest());
    }
}
