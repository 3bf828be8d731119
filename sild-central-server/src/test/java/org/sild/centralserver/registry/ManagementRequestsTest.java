package org.sild.centralserver.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.centralserver.Fixtures.PHARMACY;
import static org.sild.centralserver.Fixtures.PORTAL;
import static org.sild.centralserver.Fixtures.REGISTRY;
import static org.sild.centralserver.Fixtures.SS1;
import static org.sild.centralserver.Fixtures.SS2;
import static org.sild.centralserver.registry.RegistryTest.assertRefused;

import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sild.centralserver.Fixtures;
import org.sild.testing.MutableClock;
import org.sild.centralserver.audit.AuditEntry;
import org.sild.centralserver.audit.AuditQuery;
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
import org.sild.centralserver.registry.RegistryException.Reason;
import org.sild.core.globalconf.SecurityServer.MaintenanceMode;
import org.sild.core.id.SecurityServerId;
import org.sild.core.management.ManagementRequestType;
import org.sild.testing.TestDatabases;
import org.sild.testing.TestPki;

/** The management request state machine and its effects on the registry, on H2 and PostgreSQL. */
class ManagementRequestsTest {

    private static final String FROM = "security server 10.0.0.1";

    private final MutableClock clock = new MutableClock(Fixtures.START);
    private final X509Certificate ss1Cert = Fixtures.authCert("ss1").certificate();

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void registrationsWaitForApprovalAndThenBuildTheServer(TestDatabases kind) {
        try (var db = Fixtures.open(kind, clock)) {
            Registry r = Fixtures.populate(db.registry());
            ManagementRequests requests = r.managementRequests();

            long authReg = requests.submit(new AuthCertReg(SS1, "ss1.example.org", ss1Cert), FROM);
            long clientReg = requests.submit(new ClientReg(SS1, REGISTRY.subsystem("registry"),
                    Optional.of("Registry")), FROM);

            assertThat(requests.get(authReg).orElseThrow().state()).isEqualTo(RequestState.SUBMITTED);
            assertThat(r.servers().list()).isEmpty();
            assertRefused(() -> requests.approve(clientReg, "ops"), Reason.CONFLICT,
                    "approve its authentication certificate registration first");
            assertRefused(() -> requests.submit(new AuthCertReg(SS1, "ss1.example.org", ss1Cert), FROM),
                    Reason.CONFLICT, "management request " + authReg + " registering this authentication certificate");

            RecordedRequest approved = requests.approve(authReg, "ops");
            requests.approve(clientReg, "ops");

            assertThat(approved.state()).isEqualTo(RequestState.APPROVED);
            assertThat(approved.decidedBy()).contains("ops");
            assertThat(approved.decidedAt()).contains(Fixtures.START);
            assertThat(approved.origin()).isEqualTo(FROM);
            RegisteredServer ss1 = r.servers().get(SS1).orElseThrow();
            assertThat(ss1.address()).contains("ss1.example.org");
            assertThat(ss1.authCerts()).containsExactly(ss1Cert);
            assertThat(ss1.clients()).containsExactly(new ServerClient(REGISTRY.subsystem("registry"), true));
            assertThat(r.members().get(REGISTRY).orElseThrow().subsystem("registry").orElseThrow().name())
                    .contains("Registry");
            assertThat(r.groups().get(GlobalGroups.SECURITY_SERVER_OWNERS).orElseThrow().members())
                    .containsExactly(REGISTRY);
            assertThat(r.describe().securityServer(SS1).orElseThrow().clients())
                    .containsExactly(REGISTRY.subsystem("registry"));

            assertRefused(() -> requests.approve(authReg, "ops"), Reason.CONFLICT, "is APPROVED");
            assertRefused(() -> requests.reject(999_999, "ops"), Reason.NOT_FOUND, "no management request 999999");
            assertRefused(() -> requests.submit(new AuthCertReg(SS1, "ss1", ss1Cert), FROM),
                    Reason.CONFLICT, "registered already");
            assertRefused(() -> requests.submit(new ClientReg(SS1, REGISTRY.subsystem("registry"),
                    Optional.empty()), FROM), Reason.CONFLICT, "registered on SERVER:DEV/GOV/70000001/ss1 already");
            assertRefused(() -> requests.submit(new ClientReg(SS1, REGISTRY, Optional.empty()), FROM),
                    Reason.INVALID, "owns security server");

            var audit = r.audit().list(AuditQuery.latest().withAction("management-request.submit"));
            assertThat(audit).hasSize(2).allSatisfy(e -> assertThat(e.actor()).isEqualTo(Registry.MANAGEMENT_SERVICE));
            assertThat(r.audit().list(AuditQuery.latest().withActor("ops"))).extracting(AuditEntry::action)
                    .contains("management-request.approve", "security-server.add", "auth-cert.add",
                            "server-client.add", "subsystem.add", "global-group.add-member");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void authCertificatesOfUnapprovedCasOrUnknownValuesAreRefused(TestDatabases kind) {
        try (var db = Fixtures.open(kind, clock)) {
            Registry r = Fixtures.populate(db.registry());
            TestPki other = TestPki.builder().name("Another CA").build();
            X509Certificate foreign = other.issue(other.authSpec(new X500Principal("CN=ss1")).build()).certificate();
            X509Certificate expired = Fixtures.PKI.issue(Fixtures.PKI.authSpec(new X500Principal("CN=old"))
                    .expiredAt(Fixtures.START).build()).certificate();

            assertRefused(() -> r.managementRequests().submit(new AuthCertReg(SS1, "ss1", foreign), FROM),
                    Reason.INVALID, "not issued by an approved CA");
            assertRefused(() -> r.managementRequests().submit(new AuthCertReg(SS1, "ss1", expired), FROM),
                    Reason.INVALID, "not valid now");
            assertRefused(() -> r.managementRequests().submit(new AuthCertReg(SS1, "bad host/x", ss1Cert),
                    FROM), Reason.INVALID, "not a host name or IP address");
            assertRefused(() -> r.managementRequests().submit(new AuthCertReg(new SecurityServerId(
                    new org.sild.core.id.MemberId("EE", "GOV", "1"), "ss"), "ss1", ss1Cert), FROM), Reason.INVALID,
                    "not of instance DEV");
            assertRefused(() -> r.managementRequests().submit(new ClientReg(SS1, REGISTRY, Optional.of("x")),
                    FROM), Reason.INVALID, "only a subsystem has a name");
            assertRefused(() -> r.managementRequests().submit(new AddressChange(SS1, "ss1"), FROM), Reason.NOT_FOUND,
                    "no security server");
            assertThat(r.managementRequests().list(RequestFilter.all())).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void autoApprovalSettingsApproveAtOnceWhenTheirConditionsHold(TestDatabases kind) {
        try (var db = Fixtures.open(kind, clock)) {
            Registry r = Fixtures.populate(db.registry());
            r.changeSettings(s -> s.withAutoApproval(true, true, true));
            var requests = r.managementRequests();
            SecurityServerId unknownOwner = new SecurityServerId(new org.sild.core.id.MemberId("DEV", "GOV", "9"), "x");

            long pending = requests.submit(new AuthCertReg(unknownOwner, "x", Fixtures.authCert("x")
                    .certificate()), FROM);
            long approved = requests.submit(new AuthCertReg(SS1, "ss1", ss1Cert), FROM);
            long client = requests.submit(new ClientReg(SS1, PORTAL.subsystem("portal"), Optional.empty()),
                    FROM);
            long notYet = requests.submit(new ClientReg(SS2, PORTAL.subsystem("portal"), Optional.empty()),
                    FROM);

            assertThat(requests.get(pending).orElseThrow().state()).isEqualTo(RequestState.SUBMITTED);
            assertThat(requests.get(approved).orElseThrow().decidedBy()).contains(ManagementRequests.AUTOMATIC);
            assertThat(requests.get(client).orElseThrow().state()).isEqualTo(RequestState.APPROVED);
            assertThat(requests.get(notYet).orElseThrow().state()).isEqualTo(RequestState.SUBMITTED);
            assertThat(r.members().get(PORTAL).orElseThrow().subsystem("portal")).isPresent();
            assertRefused(() -> requests.approve(pending, "ops"), Reason.CONFLICT, "is not a registered member");

            r.changeSettings(s -> s.withAutoApproval(false, false, false));
            long manual = requests.submit(new ClientReg(SS1, PHARMACY, Optional.empty()), FROM);
            assertThat(requests.get(manual).orElseThrow().state()).isEqualTo(RequestState.SUBMITTED);
            assertThat(requests.reject(manual, "ops").state()).isEqualTo(RequestState.REJECTED);
            assertThat(requests.list(RequestFilter.all().withState(RequestState.SUBMITTED)))
                    .extracting(RecordedRequest::id).containsExactly(notYet, pending);
            assertThat(requests.list(RequestFilter.all().withType(ManagementRequestType.CLIENT_REG).withServer(SS1)))
                    .extracting(RecordedRequest::id).containsExactly(manual, client);
            assertThat(requests.list(RequestFilter.all().withPage(1, 1))).extracting(RecordedRequest::id)
                    .containsExactly(notYet);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void deletionsRemoveRegistrationsOrRevokePendingOnes(TestDatabases kind) {
        try (var db = Fixtures.open(kind, clock)) {
            Registry r = registeredSs1(Fixtures.populate(db.registry()));
            var requests = r.managementRequests();
            X509Certificate second = Fixtures.authCert("ss1-second").certificate();
            long pendingCert = requests.submit(new AuthCertReg(SS1, "ss1", second), FROM);
            long pendingClient = requests.submit(new ClientReg(SS1, PORTAL, Optional.empty()), FROM);

            long certDeletion = requests.submit(new AuthCertDeletion(SS1, second), FROM);
            long clientDeletion = requests.submit(new ClientDeletion(SS1, PORTAL), FROM);

            assertThat(requests.get(pendingCert).orElseThrow()).satisfies(p -> {
                assertThat(p.state()).isEqualTo(RequestState.REVOKED);
                assertThat(p.revokedBy()).contains(certDeletion);
            });
            assertThat(requests.get(pendingClient).orElseThrow().revokedBy()).contains(clientDeletion);
            assertThat(requests.get(certDeletion).orElseThrow().state()).isEqualTo(RequestState.APPROVED);

            requests.submit(new ClientDeletion(SS1, REGISTRY.subsystem("registry")), FROM);
            requests.submit(new AuthCertDeletion(SS1, ss1Cert), FROM);
            RegisteredServer ss1 = r.servers().get(SS1).orElseThrow();
            assertThat(ss1.clients()).isEmpty();
            assertThat(ss1.authCerts()).isEmpty();
            assertRefused(() -> requests.submit(new ClientDeletion(SS1, PORTAL), FROM), Reason.NOT_FOUND,
                    "no registration of it is pending");
            assertRefused(() -> requests.submit(new AuthCertDeletion(SS1, ss1Cert), FROM), Reason.NOT_FOUND,
                    "no registration of it is pending");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void immediateRequestsChangeRegisteredServersAtOnce(TestDatabases kind) {
        try (var db = Fixtures.open(kind, clock)) {
            Registry r = registeredSs1(Fixtures.populate(db.registry()));
            var requests = r.managementRequests();
            var registry = REGISTRY.subsystem("registry");

            requests.submit(new AddressChange(SS1, "10.1.2.3"), FROM);
            requests.submit(new ClientDisable(SS1, registry), FROM);
            requests.submit(new MaintenanceModeEnable(SS1, Optional.of("upgrade")), FROM);
            long rename = requests.submit(new ClientRename(SS1, registry, "Population register"), FROM);

            RegisteredServer ss1 = r.servers().get(SS1).orElseThrow();
            assertThat(ss1.address()).contains("10.1.2.3");
            assertThat(ss1.clients()).containsExactly(new ServerClient(registry, false));
            assertThat(ss1.maintenanceMode()).contains(new MaintenanceMode(Optional.of("upgrade")));
            assertThat(r.describe().securityServer(SS1).orElseThrow().clients()).isEmpty();
            assertThat(r.members().get(REGISTRY).orElseThrow().subsystem("registry").orElseThrow().name())
                    .contains("Population register");
            assertThat(requests.get(rename).orElseThrow().state()).isEqualTo(RequestState.APPROVED);

            requests.submit(new ClientEnable(SS1, registry), FROM);
            requests.submit(new MaintenanceModeDisable(SS1), FROM);
            assertThat(r.describe().securityServer(SS1).orElseThrow()).satisfies(s -> {
                assertThat(s.clients()).containsExactly(registry);
                assertThat(s.maintenanceMode()).isEmpty();
            });
            assertRefused(() -> requests.submit(new ClientEnable(SS1, PORTAL), FROM), Reason.NOT_FOUND,
                    "is not registered on");
            assertRefused(() -> requests.submit(new ClientRename(SS1, PORTAL, "x"), FROM), Reason.INVALID,
                    "only a subsystem can be renamed");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void ownerChangesMoveTheServerToARegisteredClient(TestDatabases kind) {
        try (var db = Fixtures.open(kind, clock)) {
            Registry r = registeredSs1(Fixtures.populate(db.registry()));
            var requests = r.managementRequests();
            assertRefused(() -> requests.submit(new OwnerChange(SS1, PORTAL), FROM), Reason.INVALID,
                    "must be registered as a client");
            assertRefused(() -> requests.submit(new OwnerChange(SS1, REGISTRY), FROM), Reason.INVALID, "already");
            requests.approve(requests.submit(new ClientReg(SS1, PORTAL, Optional.empty()), FROM), "ops");

            long change = requests.submit(new OwnerChange(SS1, PORTAL), FROM);
            assertRefused(() -> requests.submit(new OwnerChange(SS1, PORTAL), FROM), Reason.CONFLICT, "is pending");
            requests.approve(change, "ops");

            var moved = new SecurityServerId(PORTAL, "ss1");
            assertThat(r.servers().get(SS1)).isEmpty();
            RegisteredServer ss1 = r.servers().get(moved).orElseThrow();
            assertThat(ss1.clients()).extracting(ServerClient::id)
                    .containsExactly(REGISTRY, REGISTRY.subsystem("registry"));
            assertThat(ss1.authCerts()).hasSize(1);
            assertThat(r.groups().get(GlobalGroups.SECURITY_SERVER_OWNERS).orElseThrow().members())
                    .containsExactly(PORTAL);
        }
    }

    /** SS1 registered with its authentication certificate and the client DEV/GOV/70000001/registry. */
    private Registry registeredSs1(Registry r) {
        var requests = r.managementRequests();
        requests.approve(requests.submit(new AuthCertReg(SS1, "ss1.example.org", ss1Cert), FROM), "ops");
        requests.approve(requests.submit(new ClientReg(SS1, REGISTRY.subsystem("registry"), Optional.empty()),
                FROM), "ops");
        return r;
    }

}
