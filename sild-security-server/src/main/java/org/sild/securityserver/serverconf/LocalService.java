package org.sild.securityserver.serverconf;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.id.ServiceId;

/**
 * A service of a hosted client, as the server proxy needs it to call the provider's information
 * system.
 *
 * @param url the information system's address (for REST: the base URL the service path is appended to)
 * @param timeout how long to wait for connecting to and answering from the information system
 * @param verifyTls whether the information system's TLS certificate must be one registered for the client
 * @param disabledNotice present when the service is disabled: the notice callers get
 */
public record LocalService(ServiceId id, ServiceType type, URI url, Duration timeout, boolean verifyTls,
        Optional<String> disabledNotice) {

    public LocalService {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(disabledNotice, "disabledNotice");
    }

    /** Whether the service is disabled. */
    public boolean isDisabled() {
        return disabledNotice.isPresent();
    }

    /** The kind of service description a service comes from. */
    public enum ServiceType {
        /** A SOAP service from a WSDL. */
        WSDL,
        /** A REST service with a base URL. */
        REST,
        /** A REST service described by an OpenAPI 3 document. */
        OPENAPI3;

        /** Whether it is called with X-Road's REST protocol. */
        public boolean isRest() {
            return this != WSDL;
        }
    }
}
