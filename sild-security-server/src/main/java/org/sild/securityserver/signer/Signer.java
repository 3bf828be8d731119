package org.sild.securityserver.signer;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.sild.core.id.ClientId;
import org.sild.core.signature.MessageParts;
import org.sild.core.signature.SignatureData;

/**
 * The security server's signer: signs messages with the signing key of the member a message is
 * from, and holds the server's authentication key for TLS.
 *
 * <p>Thread-safe; {@link #sign} blocks the calling (virtual) thread until its signature exists.
 * Under load an implementation signs many messages with one private-key operation over a hash
 * tree (batch signing); each caller still gets its own {@link SignatureData}.
 */
public interface Signer {

    /**
     * Signs {@code parts} for {@code sender} (a member or one of its subsystems: the member's
     * signing key is used) and embeds the OCSP response of the signing certificate.
     *
     * @throws org.sild.core.fault.XRoadException {@code CannotCreateSignature} when there is no
     *         usable signing key or certificate for the member, or the token fails
     */
    SignatureData sign(ClientId sender, MessageParts parts);

    /** The authentication key with its certificate chain (leaf first) for TLS between servers. */
    AuthKey authKey();

    /**
     * Fresh DER OCSP responses for the authentication certificate chain, leaf first, without the
     * trusted root: what the client proxy puts at the head of a transport message and what the
     * OCSP download endpoint serves.
     */
    List<byte[]> authOcspResponses();

    /** A private key and its certificate chain, leaf first. */
    record AuthKey(PrivateKey privateKey, List<X509Certificate> chain) {

        public AuthKey {
            java.util.Objects.requireNonNull(privateKey, "privateKey");
            chain = List.copyOf(chain);
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("an authentication key needs its certificate");
            }
        }

        /** The authentication certificate itself. */
        public X509Certificate certificate() {
            return chain.get(0);
        }
    }
}
