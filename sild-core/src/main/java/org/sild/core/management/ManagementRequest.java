package org.sild.core.management;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;

/**
 * The body of a management request (PR-MSERV §2, {@code request.xsd}): one record per service,
 * with the fields in the schema's order. Every request names the security server it is about.
 *
 * <p>The model is structural: what the schema allows can be represented. Whether a request makes
 * sense (a valid address, a subsystem where one is needed) is checked by
 * {@link ManagementRequestVerifier}. All records are immutable.
 */
public sealed interface ManagementRequest {

    /** The security server the request is about; its owner is the sender of the message. */
    SecurityServerId server();

    /** Which service this is. */
    ManagementRequestType type();

    /**
     * The member whose signing certificate must sign the request (digest 04 §9.1): the server owner,
     * the owner of the client subsystem, or the new owner; empty for the unsigned deletions.
     */
    Optional<MemberId> requiredSigner();

    /** {@code authCertReg}: register {@code authCert} for {@code server}, reachable at {@code address}. */
    record AuthCertReg(SecurityServerId server, Optional<String> address, X509Certificate authCert,
                       Optional<Boolean> dryRun) implements ManagementRequest {
        public AuthCertReg {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(authCert, "authCert");
            Objects.requireNonNull(dryRun, "dryRun");
        }

        /** A registration with an address and without {@code dryRun}, as security servers send it. */
        public AuthCertReg(SecurityServerId server, String address, X509Certificate authCert) {
            this(server, Optional.of(address), authCert, Optional.empty());
        }

        @Override
        public ManagementRequestType type() {
            return ManagementRequestType.AUTH_CERT_REG;
        }

        @Override
        public String toString() {
            return "AuthCertReg[" + server + ", " + address.orElse("(no address)") + ", "
                    + authCert.getSubjectX500Principal().getName() + dryRun.map(d -> ", dryRun " + d).orElse("") + "]";
        }

        @Override
        public Optional<MemberId> requiredSigner() {
            return Optional.of(server.owner());
        }
    }

    /** {@code authCertDeletion}: remove {@code authCert} from {@code server}. */
    record AuthCertDeletion(SecurityServerId server, X509Certificate authCert) implements ManagementRequest {
        public AuthCertDeletion {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(authCert, "authCert");
        }

        @Override
        public ManagementRequestType type() {
            return ManagementRequestType.AUTH_CERT_DELETION;
        }

        @Override
        public String toString() {
            return "AuthCertDeletion[" + server + ", " + authCert.getSubjectX500Principal().getName() + "]";
        }

        @Override
        public Optional<MemberId> requiredSigner() {
            return Optional.empty();
        }
    }

    /** {@code clientReg}: register {@code client} (normally a subsystem) on {@code server}, optionally naming it. */
    record ClientReg(SecurityServerId server, ClientId client, Optional<String> subsystemName)
            implements ManagementRequest {
        public ClientReg {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(subsystemName, "subsystemName");
        }

        @Override
        public ManagementRequestType type() {
            return ManagementRequestType.CLIENT_REG;
        }

        @Override
        public Optional<MemberId> requiredSigner() {
            return Optional.of(client.member());
        }
    }

    /** {@code clientDeletion}: remove {@code client} from {@code server}. */
    record ClientDeletion(SecurityServerId server, ClientId client) implements ManagementRequest {
        public ClientDeletion {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(client, "client");
        }

        @Override
        public ManagementRequestType type() {
            return ManagementRequestType.CLIENT_DELETION;
        }

        @Override
        public Optional<MemberId> requiredSigner() {
            return Optional.empty();
        }
    }

    /** {@code ownerChange}: make {@code client} the owner of {@code server}; signed by the new owner. */
    record OwnerChange(SecurityServerId server, MemberId client) implements ManagementRequest {
        public OwnerChange {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(client, "client");
        }

        @Override
        public ManagementRequestType type() {
            return ManagementRequestType.OWNER_CHANGE;
        }

        @Override
        public Optional<MemberId> requiredSigner() {
            return Optional.of(client);
        }
    }

    /** {@code addressChange}: {@code server} is now reachable at {@code address}. */
    record AddressChange(SecurityServerId server, String address) implements ManagementRequest {
        public AddressChange {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(address, "address");
        }

        @Override
        public ManagementRequestType type() {
            return ManagementRequestType.ADDRESS_CHANGE;
        }

        @Override
        public Optional<MemberId> requiredSigner() {
            return Optional.of(server.owner());
        }
    }

    /** {@code clientEnable}: enable the disabled client subsystem {@code client} on {@code server}. */
    record ClientEnable(SecurityServerId server, ClientId client) implements ManagementRequest {
        public ClientEnable {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(client, "client");
        }

        @Override
        public ManagementRequestType type() {
            return ManagementRequestType.CLIENT_ENABLE;
        }

        @Override
        public Optional<MemberId> requiredSigner() {
            return Optional.of(client.member());
        }
    }

    /** {@code clientDisable}: disable the client subsystem {@code client} on {@code server} for a while. */
    record ClientDisable(SecurityServerId server, ClientId client) implements ManagementRequest {
        public ClientDisable {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(client, "client");
        }

        @Override
        public ManagementRequestType type() {
            return ManagementRequestType.CLIENT_DISABLE;
        }

        @Override
        public Optional<MemberId> requiredSigner() {
            return Optional.of(client.member());
        }
    }

    /** {@code clientRename}: give the client subsystem {@code client} the name {@code subsystemName}. */
    record ClientRename(SecurityServerId server, ClientId client, String subsystemName) implements ManagementRequest {
        public ClientRename {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(subsystemName, "subsystemName");
        }

        @Override
        public ManagementRequestType type() {
            return ManagementRequestType.CLIENT_RENAME;
        }

        @Override
        public Optional<MemberId> requiredSigner() {
            return Optional.of(client.member());
        }
    }

    /** {@code maintenanceModeEnable}: put {@code server} into maintenance mode, with a message for clients. */
    record MaintenanceModeEnable(SecurityServerId server, Optional<String> message) implements ManagementRequest {
        public MaintenanceModeEnable {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public ManagementRequestType type() {
            return ManagementRequestType.MAINTENANCE_MODE_ENABLE;
        }

        @Override
        public Optional<MemberId> requiredSigner() {
            return Optional.of(server.owner());
        }
    }

    /** {@code maintenanceModeDisable}: take {@code server} out of maintenance mode. */
    record MaintenanceModeDisable(SecurityServerId server) implements ManagementRequest {
        public MaintenanceModeDisable {
            Objects.requireNonNull(server, "server");
        }

        @Override
        public ManagementRequestType type() {
            return ManagementRequestType.MAINTENANCE_MODE_DISABLE;
        }

        @Override
        public Optional<MemberId> requiredSigner() {
            return Optional.of(server.owner());
        }
    }
}
