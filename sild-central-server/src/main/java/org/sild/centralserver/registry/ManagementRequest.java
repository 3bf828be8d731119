package org.sild.centralserver.registry;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;

/**
 * A management request of a security server (PR-MSERV, digest/04 §9.1) as the registry records
 * it, once the management service has parsed it and verified its signatures. Immutable records;
 * certificates are DER bytes (copied in and out; equality compares the bytes).
 */
public sealed interface ManagementRequest {

    /** The security server the request is about. */
    SecurityServerId server();

    RequestType type();

    /** {@code authCertReg}: register {@code authCert} (DER) for {@code server} at {@code address}. */
    record AuthCertRegistration(SecurityServerId server, String address, byte[] authCert) implements ManagementRequest {
        public AuthCertRegistration {
            Objects.requireNonNull(server);
            Objects.requireNonNull(address);
            authCert = authCert.clone();
        }

        @Override
        public byte[] authCert() {
            return authCert.clone();
        }

        @Override
        public RequestType type() {
            return RequestType.AUTH_CERT_REG;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof AuthCertRegistration a && a.server.equals(server) && a.address.equals(address)
                    && Arrays.equals(a.authCert, authCert);
        }

        @Override
        public int hashCode() {
            return Objects.hash(server, address, Arrays.hashCode(authCert));
        }

        @Override
        public String toString() {
            return "AuthCertRegistration[server=" + server + ", address=" + address + ", authCert=" + authCert.length
                    + " bytes]";
        }
    }

    /** {@code clientReg}: register {@code client} on {@code server}, a subsystem optionally with its name. */
    record ClientRegistration(SecurityServerId server, ClientId client, Optional<String> subsystemName)
            implements ManagementRequest {
        public ClientRegistration {
            Objects.requireNonNull(server);
            Objects.requireNonNull(client);
            Objects.requireNonNull(subsystemName);
        }

        @Override
        public RequestType type() {
            return RequestType.CLIENT_REG;
        }
    }

    /** {@code clientDeletion}: remove {@code client} from {@code server} (or revoke its pending registration). */
    record ClientDeletion(SecurityServerId server, ClientId client) implements ManagementRequest {
        public ClientDeletion {
            Objects.requireNonNull(server);
            Objects.requireNonNull(client);
        }

        @Override
        public RequestType type() {
            return RequestType.CLIENT_DELETION;
        }
    }

    /** {@code authCertDeletion}: remove {@code authCert} (DER) from {@code server} (or revoke its pending registration). */
    record AuthCertDeletion(SecurityServerId server, byte[] authCert) implements ManagementRequest {
        public AuthCertDeletion {
            Objects.requireNonNull(server);
            authCert = authCert.clone();
        }

        @Override
        public byte[] authCert() {
            return authCert.clone();
        }

        @Override
        public RequestType type() {
            return RequestType.AUTH_CERT_DELETION;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof AuthCertDeletion a && a.server.equals(server) && Arrays.equals(a.authCert, authCert);
        }

        @Override
        public int hashCode() {
            return Objects.hash(server, Arrays.hashCode(authCert));
        }

        @Override
        public String toString() {
            return "AuthCertDeletion[server=" + server + ", authCert="
                    + HexFormat.of().formatHex(authCert, 0, Math.min(8, authCert.length)) + "...]";
        }
    }

    /** {@code ownerChange}: make {@code newOwner} (a client of the server) its owner. */
    record OwnerChange(SecurityServerId server, MemberId newOwner) implements ManagementRequest {
        public OwnerChange {
            Objects.requireNonNull(server);
            Objects.requireNonNull(newOwner);
        }

        @Override
        public RequestType type() {
            return RequestType.OWNER_CHANGE;
        }
    }

    /** {@code addressChange}: the server is now at {@code address}. */
    record AddressChange(SecurityServerId server, String address) implements ManagementRequest {
        public AddressChange {
            Objects.requireNonNull(server);
            Objects.requireNonNull(address);
        }

        @Override
        public RequestType type() {
            return RequestType.ADDRESS_CHANGE;
        }
    }

    /** {@code clientEnable}: publish a disabled client of the server again. */
    record ClientEnable(SecurityServerId server, ClientId client) implements ManagementRequest {
        public ClientEnable {
            Objects.requireNonNull(server);
            Objects.requireNonNull(client);
        }

        @Override
        public RequestType type() {
            return RequestType.CLIENT_ENABLE;
        }
    }

    /** {@code clientDisable}: stop publishing a client of the server until it is enabled. */
    record ClientDisable(SecurityServerId server, ClientId client) implements ManagementRequest {
        public ClientDisable {
            Objects.requireNonNull(server);
            Objects.requireNonNull(client);
        }

        @Override
        public RequestType type() {
            return RequestType.CLIENT_DISABLE;
        }
    }

    /** {@code clientRename}: subsystem {@code client} of the server is now called {@code name}. */
    record ClientRename(SecurityServerId server, ClientId client, String name) implements ManagementRequest {
        public ClientRename {
            Objects.requireNonNull(server);
            Objects.requireNonNull(client);
            Objects.requireNonNull(name);
        }

        @Override
        public RequestType type() {
            return RequestType.CLIENT_RENAME;
        }
    }

    /** {@code maintenanceModeEnable}: the server is in maintenance, optionally saying why. */
    record MaintenanceModeEnable(SecurityServerId server, Optional<String> message) implements ManagementRequest {
        public MaintenanceModeEnable {
            Objects.requireNonNull(server);
            Objects.requireNonNull(message);
        }

        @Override
        public RequestType type() {
            return RequestType.MAINTENANCE_MODE_ENABLE;
        }
    }

    /** {@code maintenanceModeDisable}: the server is back from maintenance. */
    record MaintenanceModeDisable(SecurityServerId server) implements ManagementRequest {
        public MaintenanceModeDisable {
            Objects.requireNonNull(server);
        }

        @Override
        public RequestType type() {
            return RequestType.MAINTENANCE_MODE_DISABLE;
        }
    }
}
