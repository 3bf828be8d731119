package org.sild.centralserver.registry;

import java.util.Objects;
import org.sild.core.id.ClientId;

/**
 * A client (member or subsystem) registered on a security server; a disabled one
 * ({@code clientDisable}) is left out of the published configuration until it is enabled again.
 * Immutable.
 */
public record ServerClient(ClientId id, boolean enabled) {

    public ServerClient {
        Objects.requireNonNull(id);
    }
}
