package org.sild.securityserver.serverconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sild.securityserver.serverconf.Refusals.refused;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.SubsystemId;
import org.sild.core.pki.CertHashes;
import org.sild.runtime.store.Store;
import org.sild.securityserver.serverconf.LocalClient.ConnectionType;
import org.sild.securityserver.serverconf.LocalClient.Status;
import org.sild.securityserver.serverconf.LocalConfException.Reason;
import org.sild.testing.MutableClock;
import org.sild.testing.TestDatabases;
import org.sild.testing.TestPki;

class ServerConfStoreTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC);
    static final MemberId OWNER = new MemberId("DEV", "GOV", "70000001");
    static final SubsystemId REGISTRY = OWNER.subsystem("registry");

    static X509Certificate cert1;
    static X509Certificate cert2;

    @BeforeAll
    static void certificates() {
        var pki = TestPki.create();
        cert1 = pki.authCert("is1").certificate();
        cert2 = pki.authCert("is2").certificate();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void identityAndMaintenance(TestDatabases kind) {
        try (var db = TestStore.open(kind)) {
            var store = new ServerConfStore(db.store(), CLOCK);
            var conf = new StoreServerConf(store);
            assertThat(store.identity()).isEmpty();
            assertThatThrownBy(conf::identity).isInstanceOfSatisfying(XRoadException.class,
                    e -> assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.MALFORMED_SERVER_CONF)));

            var id = new SecurityServerId(OWNER, "ss2");
            store.setIdentity(id);
            assertThat(conf.identity()).isEqualTo(id);
            store.setIdentity(new SecurityServerId(OWNER, "ss9"));
            assertThat(conf.identity().serverCode()).isEqualTo("ss9");

            assertThat(conf.maintenanceMessage()).isEmpty();
            store.setMaintenance(Optional.of("back at noon"));
            assertThat(conf.maintenanceMessage()).contains("back at noon");
            store.setMaintenance(Optional.of(""));
            assertThat(conf.maintenanceMessage()).contains("");
            store.setMaintenance(Optional.empty());
            assertThat(conf.maintenanceMessage()).isEmpty();
            refused(Reason.INVALID, "message", () -> store.setMaintenance(Optional.of("x".repeat(2001))));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void clients(TestDatabases kind) {
        try (var db = TestStore.open(kind)) {
            var store = new ServerConfStore(db.store(), CLOCK);
            var conf = new StoreServerConf(store);
            var portal = new SubsystemId("DEV", "GOV", "70000003", "portal");
            assertThat(store.clients().add(REGISTRY, Status.REGISTERED, ConnectionType.NOSSL))
                    .isEqualTo(new LocalClient(REGISTRY, Status.REGISTERED, ConnectionType.NOSSL,
                            java.util.List.of()));
            store.clients().add(portal, Status.SAVED, ConnectionType.SSLAUTH);
            store.clients().add(OWNER, Status.REGISTERED, ConnectionType.SSLNOAUTH);
            assertThat(store.clients().list()).extracting(LocalClient::id).containsExactly(OWNER, REGISTRY, portal);
            refused(Reason.CONFLICT, "id", () -> store.clients().add(REGISTRY, Status.SAVED, ConnectionType.NOSSL));

            assertThat(conf.client(portal)).map(LocalClient::isRegistered).contains(false);
            store.clients().setStatus(portal, Status.REGISTERED);
            store.clients().setConnectionType(portal, ConnectionType.NOSSL);
            assertThat(conf.client(portal)).contains(new LocalClient(portal, Status.REGISTERED, ConnectionType.NOSSL,
                    java.util.List.of()));
            var unknown = OWNER.subsystem("nope");
            assertThat(conf.client(unknown)).isEmpty();
            refused(Reason.NOT_FOUND, "client", () -> store.clients().setStatus(unknown, Status.DISABLED));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void isCertificates(TestDatabases kind) {
        try (var db = TestStore.open(kind)) {
            var store = new ServerConfStore(db.store(), CLOCK);
            store.clients().add(REGISTRY, Status.REGISTERED, ConnectionType.SSLAUTH);
            store.clients().addIsCertificate(REGISTRY, cert1);
            LocalClient client = store.clients().addIsCertificate(REGISTRY, cert2);
            assertThat(client.isCertificates()).containsExactlyInAnyOrder(cert1, cert2);
            refused(Reason.CONFLICT, "certificate", () -> store.clients().addIsCertificate(REGISTRY, cert1));

            client = store.clients().removeIsCertificate(REGISTRY, CertHashes.sha256Hex(cert1).toUpperCase());
            assertThat(new StoreServerConf(store).client(REGISTRY).orElseThrow().isCertificates())
                    .containsExactly(cert2);
            refused(Reason.NOT_FOUND, "hash", () -> store.clients().removeIsCertificate(REGISTRY,
                    CertHashes.sha256Hex(cert1)));
            refused(Reason.NOT_FOUND, "client", () -> store.clients().addIsCertificate(OWNER, cert1));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void anotherNodesChangesAreSeenAfterTheRecheckInterval(TestDatabases kind) {
        try (var db = TestStore.open(kind); Store second = TestStore.openStore(db.database())) {
            var clock = new MutableClock(CLOCK.instant());
            var here = new ServerConfStore(db.store(), clock, Duration.ofSeconds(1));
            var there = new ServerConfStore(second, clock, Duration.ofSeconds(1));
            var conf = new StoreServerConf(here);
            assertThat(conf.client(REGISTRY)).isEmpty();

            there.clients().add(REGISTRY, Status.REGISTERED, ConnectionType.NOSSL);
            assertThat(conf.client(REGISTRY)).as("cached until the interval has passed").isEmpty();
            clock.advance(Duration.ofMillis(1001));
            assertThat(conf.client(REGISTRY)).isPresent();
            assertThat(new StoreServerConf(there).client(REGISTRY)).as("own changes at once").isPresent();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void manyReadersAndAWriter(TestDatabases kind) throws Exception {
        try (var db = TestStore.open(kind)) {
            var store = new ServerConfStore(db.store(), CLOCK);
            var conf = new StoreServerConf(store);
            store.clients().add(REGISTRY, Status.REGISTERED, ConnectionType.NOSSL);
            var failures = new java.util.concurrent.atomic.AtomicInteger();
            try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 2000; i++) {
                    int n = i;
                    executor.submit(() -> {
                        if (n % 100 == 0) {
                            store.clients().add(OWNER.subsystem("s" + n), Status.REGISTERED, ConnectionType.NOSSL);
                        } else if (conf.client(REGISTRY).isEmpty()) {
                            failures.incrementAndGet();
                        }
                    });
                }
            }
            assertThat(failures).hasValue(0);
            assertThat(store.clients().list()).hasSize(21);
        }
    }
}
