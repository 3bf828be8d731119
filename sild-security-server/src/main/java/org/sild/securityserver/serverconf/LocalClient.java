package org.sild.securityserver.serverconf;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import org.sild.core.id.ClientId;

/**
 * A client (member or subsystem) hosted on this security server.
 *
 * @param status its registration status; only {@code REGISTERED} clients exchange messages
 * @param connectionType how its information systems must connect to the client port
 * @param isCertificates the TLS certificates its information systems present (for {@code SSLAUTH})
 */
public record LocalClient(ClientId id, Status status, ConnectionType connectionType,
        List<X509Certificate> isCertificates) {

    public LocalClient {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(connectionType, "connectionType");
        isCertificates = List.copyOf(isCertificates);
    }

    /** Whether messages may be exchanged for this client. */
    public boolean isRegistered() {
        return status == Status.REGISTERED;
    }

    /** Registration status, as X-Road names them. */
    public enum Status { SAVED, REGISTRATION_IN_PROGRESS, REGISTERED, DELETION_IN_PROGRESS, DISABLED }

    /** How an information system connects to the client port (X-Road's IS connection types). */
    public enum ConnectionType {
        /** Plain HTTP allowed (and HTTPS). */
        NOSSL,
        /** HTTPS required, no client certificate. */
        SSLNOAUTH,
        /** HTTPS with a client certificate registered for this client. */
        SSLAUTH
    }
}
