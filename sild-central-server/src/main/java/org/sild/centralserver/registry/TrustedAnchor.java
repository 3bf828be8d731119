package org.sild.centralserver.registry;

import java.time.Instant;
import java.util.Objects;
import org.sild.core.globalconf.ConfigurationAnchor;

/**
 * The external configuration anchor of a federated instance, as uploaded (the bytes are kept so
 * that its fingerprint stays the one the partner published). Immutable.
 *
 * @param fileHash the anchor file's SHA-224 fingerprint as user interfaces show it ({@code AB:CD:...})
 */
public record TrustedAnchor(String instance, byte[] xml, String fileHash, ConfigurationAnchor anchor,
                            Instant uploadedAt) {

    public TrustedAnchor {
        Objects.requireNonNull(instance);
        xml = xml.clone();
        Objects.requireNonNull(fileHash);
        Objects.requireNonNull(anchor);
        Objects.requireNonNull(uploadedAt);
    }

    @Override
    public byte[] xml() {
        return xml.clone();
    }
}
