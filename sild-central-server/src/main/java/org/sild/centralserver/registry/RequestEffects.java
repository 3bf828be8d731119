package org.sild.centralserver.registry;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.sild.core.globalconf.SecurityServer.MaintenanceMode;
import org.sild.core.id.ClientId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.SubsystemId;
import org.sild.core.management.ManagementRequest.AddressChange;
import org.sild.core.management.ManagementRequest.AuthCertDeletion;
import org.sild.core.management.ManagementRequest.AuthCertReg;
import org.sild.core.management.ManagementRequest.ClientDeletion;
import org.sild.core.management.ManagementRequest.ClientDisable;
import org.sild.core.management.ManagementRequest.ClientEnable;
import org.sild.core.management.ManagementRequest.ClientReg;
import org.sild.core.management.ManagementRequest.ClientRename;
import org.sild.core.management.ManagementRequest.MaintenanceModeDisable;
import org.sild.core.management.ManagementRequest.MaintenanceModeEnable;
import org.sild.core.management.ManagementRequest.OwnerChange;
import org.sild.core.management.ManagementRequest;
import org.sild.core.management.ManagementRequestType;
import org.sild.core.pki.CertHashes;

/**
 * What each management request checks and does to the registry, following X-Road's central
 * server request handlers (see {@link ManagementRequests} for the rules).
 */
final class RequestEffects {

    private RequestEffects() {
    }

    /** Checks the request's values on their own: identifiers of this instance, address, certificate, texts. */
    static ManagementRequest normalise(Registry registry, ManagementRequest r) {
        String instance = registry.instance();
        SecurityServerId server = Checks.lenient("server", instance, r.server());
        return switch (r) {
            case AuthCertReg a -> {
                String address = a.address().orElseThrow(() -> RegistryException.invalid("address",
                        "an authentication certificate registration needs the server's address"));
                yield new AuthCertReg(server, Optional.of(Checks.address("address", address)),
                        Checks.certificate("authCert", Checks.der(a.authCert())), a.dryRun());
            }
            case AuthCertDeletion a -> new AuthCertDeletion(server, Checks.certificate("authCert",
                    Checks.der(a.authCert())));
            case ClientReg c -> {
                ClientId client = Checks.lenient("client", instance, c.client());
                if (c.subsystemName().isPresent() && !(client instanceof SubsystemId)) {
                    throw RegistryException.invalid("subsystemName", "only a subsystem has a name; " + client
                            + " is a member");
                }
                yield new ClientReg(server, client,
                        c.subsystemName().map(n -> Checks.text("subsystemName", n, Checks.MAX_NAME)));
            }
            case ClientRename c -> {
                if (!(Checks.lenient("client", instance, c.client()) instanceof SubsystemId)) {
                    throw RegistryException.invalid("client", "only a subsystem can be renamed, not " + c.client());
                }
                yield new ClientRename(server, c.client(), Checks.text("subsystemName", c.subsystemName(), Checks.MAX_NAME));
            }
            case OwnerChange o -> new OwnerChange(server, Checks.lenient("client", instance, o.client()));
            case AddressChange a -> new AddressChange(server, Checks.address("address", a.address()));
            case MaintenanceModeEnable m -> new MaintenanceModeEnable(server,
                    m.message().map(t -> Checks.text("message", t, Checks.MAX_NAME)));
            case ClientDeletion c -> new ClientDeletion(server, Checks.lenient("client", instance, c.client()));
            case ClientEnable c -> new ClientEnable(server, Checks.lenient("client", instance, c.client()));
            case ClientDisable c -> new ClientDisable(server, Checks.lenient("client", instance, c.client()));
            case MaintenanceModeDisable m -> m;
        };
    }

    /** Checks a pending request against the registry when it is submitted (immediate ones are checked by {@link #apply}). */
    static void checkSubmission(Tx tx, Registry registry, ManagementRequest r) throws SQLException {
        switch (r) {
            case AuthCertReg a -> {
                X509Certificate cert = a.authCert();
                checkIssuedByApprovedCa(tx, cert);
                if (SecurityServers.authCertServer(tx, cert).isPresent()) {
                    throw RegistryException.conflict("authCert", "the authentication certificate "
                            + cert.getSubjectX500Principal().getName() + " is registered already");
                }
                List<RecordedRequest> pending = RequestRows.pendingCertificate(tx, registry, CertHashes.sha256Hex(cert));
                if (!pending.isEmpty()) {
                    throw RegistryException.conflict("authCert", "management request " + pending.getFirst().id()
                            + " registering this authentication certificate is pending");
                }
            }
            case ClientReg c -> {
                if (c.client().equals(c.server().owner())) {
                    throw RegistryException.invalid("client", c.client() + " owns security server " + c.server()
                            + " and needs no registration as its client");
                }
                Optional<Long> server = SecurityServers.row(tx, c.server());
                if (server.isPresent() && SecurityServers.clientEnabled(tx, server.get(), c.client()).isPresent()) {
                    throw RegistryException.conflict("client", c.client() + " is registered on " + c.server()
                            + " already");
                }
                List<Long> pending = RequestRows.pending(tx, ManagementRequestType.CLIENT_REG, c.server(), Optional.of(c.client()));
                if (!pending.isEmpty()) {
                    throw RegistryException.conflict("client", "management request " + pending.getFirst()
                            + " registering " + c.client() + " on " + c.server() + " is pending");
                }
            }
            case OwnerChange o -> {
                checkOwnerChange(tx, registry, o);
                if (!RequestRows.pending(tx, ManagementRequestType.OWNER_CHANGE, o.server(), Optional.empty()).isEmpty()) {
                    throw RegistryException.conflict("server", "an owner change of " + o.server() + " is pending");
                }
            }
            default -> {
                // Immediate requests are checked as they are applied.
            }
        }
    }

    /** Whether the auto-approval setting of {@code r}'s type is on and its conditions hold. */
    static boolean autoApprovable(Tx tx, Registry registry, ManagementRequest r) throws SQLException {
        Settings settings = SettingsRows.load(tx);
        return switch (r) {
            case AuthCertReg a -> settings.autoApproveAuthCertReg()
                    && Members.memberExists(tx, a.server().owner());
            case ClientReg c -> settings.autoApproveClientReg()
                    && SecurityServers.row(tx, c.server()).isPresent()
                    && Members.memberExists(tx, c.client().member());
            case OwnerChange o -> settings.autoApproveOwnerChange() && Members.memberExists(tx, o.client());
            default -> false;
        };
    }

    /** Applies {@code r} (request {@code id}) to the registry, checking that it still can be. */
    static void apply(Tx tx, Registry registry, ManagementRequest r, long id) throws SQLException {
        SecurityServerId server = r.server();
        switch (r) {
            case AuthCertReg a -> registerAuthCert(tx, registry, a);
            case ClientReg c -> registerClient(tx, registry, c);
            case OwnerChange o -> changeOwner(tx, registry, o);
            case ClientDeletion c -> {
                Optional<Long> row = SecurityServers.row(tx, server);
                if (row.isPresent() && SecurityServers.clientEnabled(tx, row.get(), c.client()).isPresent()) {
                    SecurityServers.removeClient(tx, row.get(), server, c.client());
                    return;
                }
                List<Long> pending = RequestRows.pending(tx, ManagementRequestType.CLIENT_REG, server, Optional.of(c.client()));
                if (pending.isEmpty()) {
                    throw RegistryException.notFound("client", c.client() + " is not registered on " + server
                            + " and no registration of it is pending");
                }
                RequestRows.revoke(tx, pending, id);
            }
            case AuthCertDeletion a -> deleteAuthCert(tx, registry, a, id);
            case AddressChange a -> SecurityServers.setAddress(tx, serverRow(tx, registry, server), server,
                    a.address());
            case ClientEnable c -> SecurityServers.setClientEnabled(tx, clientOf(tx, registry, server, c.client()),
                    server, c.client(), true);
            case ClientDisable c -> SecurityServers.setClientEnabled(tx, clientOf(tx, registry, server, c.client()),
                    server, c.client(), false);
            case ClientRename c -> {
                clientOf(tx, registry, server, c.client());
                Members.renameSubsystem(tx, registry, (SubsystemId) c.client(), Optional.of(c.subsystemName()));
            }
            case MaintenanceModeEnable m -> SecurityServers.setMaintenance(tx, serverRow(tx, registry, server), server,
                    Optional.of(new MaintenanceMode(m.message())));
            case MaintenanceModeDisable m -> SecurityServers.setMaintenance(tx, serverRow(tx, registry, server),
                    server, Optional.empty());
        }
    }

    private static void registerAuthCert(Tx tx, Registry registry, AuthCertReg a) throws SQLException {
        X509Certificate cert = a.authCert();
        String address = a.address().orElseThrow();
        SecurityServerId id = a.server();
        if (!Members.memberExists(tx, id.owner())) {
            throw RegistryException.conflict("server", "the owner " + id.owner() + " of " + id
                    + " is not a registered member; register it first");
        }
        if (SecurityServers.authCertServer(tx, cert).isPresent()) {
            throw RegistryException.conflict("authCert", "the authentication certificate is registered already");
        }
        Optional<Long> existing = SecurityServers.row(tx, id);
        long row;
        if (existing.isPresent()) {
            row = existing.get();
            SecurityServers.setAddress(tx, row, id, address);
        } else {
            row = SecurityServers.create(tx, id, Optional.of(address));
        }
        SecurityServers.addAuthCert(tx, row, id, cert);
        GlobalGroups.join(tx, GlobalGroups.SECURITY_SERVER_OWNERS, id.owner());
    }

    private static void registerClient(Tx tx, Registry registry, ClientReg c) throws SQLException {
        SecurityServerId server = c.server();
        long row = SecurityServers.row(tx, server).orElseThrow(() -> RegistryException.conflict("server",
                "security server " + server + " is not registered; approve its authentication certificate"
                        + " registration first"));
        if (!Members.memberExists(tx, c.client().member())) {
            throw RegistryException.conflict("client", "the member " + c.client().member() + " of client "
                    + c.client() + " is not registered; register it first");
        }
        if (SecurityServers.clientEnabled(tx, row, c.client()).isPresent()) {
            throw RegistryException.conflict("client", c.client() + " is registered on " + server + " already");
        }
        if (c.client() instanceof SubsystemId subsystem) {
            if (!Members.subsystemExists(tx, subsystem)) {
                Members.createSubsystem(tx, subsystem, c.subsystemName());
            } else if (c.subsystemName().isPresent()) {
                Members.renameSubsystem(tx, registry, subsystem, c.subsystemName());
            }
        }
        SecurityServers.addClient(tx, row, server, c.client());
    }

    private static void changeOwner(Tx tx, Registry registry, OwnerChange o) throws SQLException {
        long row = checkOwnerChange(tx, registry, o);
        if (!Members.memberExists(tx, o.client())) {
            throw RegistryException.conflict("client", "the new owner " + o.client() + " is not a registered member");
        }
        SecurityServerId old = o.server();
        var renamed = new SecurityServerId(o.client(), old.serverCode());
        SecurityServers.setOwner(tx, row, old, o.client());
        SecurityServers.removeClient(tx, row, renamed, o.client());
        if (SecurityServers.clientEnabled(tx, row, old.owner()).isEmpty()) {
            SecurityServers.addClient(tx, row, renamed, old.owner());
        }
        GlobalGroups.join(tx, GlobalGroups.SECURITY_SERVER_OWNERS, o.client());
        GlobalGroups.leaveOwnersUnlessOwner(tx, old.owner());
    }

    /** X-Road's conditions of an owner change; answers the server's row. */
    private static long checkOwnerChange(Tx tx, Registry registry, OwnerChange o) throws SQLException {
        long row = serverRow(tx, registry, o.server());
        if (o.client().equals(o.server().owner())) {
            throw RegistryException.invalid("client", o.client() + " owns " + o.server() + " already");
        }
        if (SecurityServers.clientEnabled(tx, row, o.client()).isEmpty()) {
            throw RegistryException.invalid("client", "the new owner " + o.client()
                    + " must be registered as a client of " + o.server() + " first");
        }
        var renamed = new SecurityServerId(o.client(), o.server().serverCode());
        if (SecurityServers.row(tx, renamed).isPresent()) {
            throw RegistryException.conflict("client", "security server " + renamed + " exists already");
        }
        return row;
    }

    private static void deleteAuthCert(Tx tx, Registry registry, AuthCertDeletion a, long id) throws SQLException {
        X509Certificate cert = a.authCert();
        Optional<Long> owner = SecurityServers.authCertServer(tx, cert);
        if (owner.isPresent()) {
            if (!owner.equals(SecurityServers.row(tx, a.server()))) {
                throw RegistryException.invalid("authCert", "the authentication certificate is registered to"
                        + " another security server than " + a.server());
            }
            SecurityServers.removeAuthCert(tx, a.server(), cert);
            return;
        }
        List<Long> pending = RequestRows.pendingCertificate(tx, registry, CertHashes.sha256Hex(cert)).stream()
                .filter(p -> p.request().server().equals(a.server())).map(RecordedRequest::id).toList();
        if (pending.isEmpty()) {
            throw RegistryException.notFound("authCert", "the authentication certificate is not registered to "
                    + a.server() + " and no registration of it is pending");
        }
        RequestRows.revoke(tx, pending, id);
    }

    /**
     * Checks that {@code cert} is issued by an approved CA (its signature verifies with an approved
     * top or intermediate CA's key) and is valid now, as X-Road's registration handler does.
     */
    private static void checkIssuedByApprovedCa(Tx tx, X509Certificate cert) throws SQLException {
        try {
            cert.checkValidity(Date.from(tx.now()));
        } catch (GeneralSecurityException e) {
            throw RegistryException.invalid("authCert", "the authentication certificate is not valid now: "
                    + e.getMessage());
        }
        for (X509Certificate ca : TrustServices.caCertificates(tx)) {
            if (ca.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
                try {
                    cert.verify(ca.getPublicKey());
                    return;
                } catch (GeneralSecurityException e) {
                    // Another CA may have the same name; keep looking.
                }
            }
        }
        throw RegistryException.invalid("authCert", "the authentication certificate "
                + cert.getSubjectX500Principal().getName() + " is not issued by an approved CA");
    }

    private static long serverRow(Tx tx, Registry registry, SecurityServerId id) throws SQLException {
        return SecurityServers.require(tx, registry, id, "server");
    }

    private static long clientOf(Tx tx, Registry registry, SecurityServerId server, ClientId client)
            throws SQLException {
        long row = serverRow(tx, registry, server);
        if (SecurityServers.clientEnabled(tx, row, client).isEmpty()) {
            throw RegistryException.notFound("client", client + " is not registered on " + server);
        }
        return row;
    }
}
