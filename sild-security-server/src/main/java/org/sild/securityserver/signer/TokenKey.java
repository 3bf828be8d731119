package org.sild.securityserver.signer;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.id.MemberId;

/**
 * A key on a {@link Token} as the token lists it: its identifier, purpose, the member a signing key
 * belongs to, a label for people, the public key, and the certificate chain (leaf first) once a
 * certificate has been imported for it.
 *
 * <p>Immutable. The private key never appears here; the token signs with it.
 */
public record TokenKey(String id, KeyPurpose purpose, Optional<MemberId> member, String label, PublicKey publicKey,
                       List<X509Certificate> chain) {

    public TokenKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(publicKey, "publicKey");
        chain = List.copyOf(chain);
        if ((purpose == KeyPurpose.SIGNING) != member.isPresent()) {
            throw new IllegalArgumentException("a signing key belongs to a member, an authentication key to none");
        }
    }

    /** The certificate of this key, if one has been imported. */
    public Optional<X509Certificate> certificate() {
        return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(0));
    }

    /** Whether this key belongs to {@code member} (always false for the authentication key). */
    public boolean isSigningKeyOf(MemberId member) {
        return purpose == KeyPurpose.SIGNING && this.member.orElseThrow().equals(member);
    }

    @Override
    public String toString() {
        return "TokenKey[" + id + ", " + purpose + member.map(m -> " of " + m).orElse("")
                + (chain.isEmpty() ? ", no certificate]" : ", " + chain.get(0).getSubjectX500Principal() + "]");
    }
}
