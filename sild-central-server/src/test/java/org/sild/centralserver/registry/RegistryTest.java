package org.sild.centralserver.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sild.centralserver.Fixtures.MANAGEMENT;
import static org.sild.centralserver.Fixtures.PHARMACY;
import static org.sild.centralserver.Fixtures.PORTAL;
import static org.sild.centralserver.Fixtures.REGISTRY;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sild.centralserver.Fixtures;
import org.sild.testing.MutableClock;
import org.sild.centralserver.audit.AuditEntry;
import org.sild.centralserver.audit.AuditQuery;
import org.sild.centralserver.registry.RegistryException.Reason;
import org.sild.centralserver.registry.SigningKeyRecord.Kind;
import org.sild.centralserver.registry.SigningKeyRecord.State;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ApprovedCa;
import org.sild.core.globalconf.ConfigurationAnchor;
import org.sild.core.id.MemberId;
import org.sild.runtime.store.Store;
import org.sild.runtime.store.StoreConfig;
import org.sild.testing.TestDatabases;

/** The registry's operations, their validation and their audit entries, on H2 and PostgreSQL. */
class RegistryTest {

    private final MutableClock clock = new MutableClock(Fixtures.START);

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void membersAndSubsystems(TestDatabases kind) {
        try (var db = Fixtures.open(kind, clock)) {
            Registry r = db.registry().as("ops");
            r.members().addMemberClass("GOV", "Governmental organisations");
            var member = r.members().add(REGISTRY, "Population Registry");
            r.members().addSubsystem(REGISTRY.subsystem("registry"), Optional.of("Registry"));
            r.members().addSubsystem(REGISTRY.subsystem("archive"), Optional.empty());

            assertThat(member.memberClassDescription()).isEqualTo("Governmental organisations");
            assertThat(r.members().get(REGISTRY).orElseThrow().subsystems()).extracting(s -> s.id().subsystem())
                    .containsExactly("archive", "registry");
            assertThat(r.members().rename(REGISTRY, " Registry Centre ").name()).isEqualTo("Registry Centre");
            r.members().renameSubsystem(REGISTRY.subsystem("archive"), Optional.of("Archive"));
            assertThat(r.members().get(REGISTRY).orElseThrow().subsystem("archive").orElseThrow().name())
                    .contains("Archive");

            assertRefused(() -> r.members().add(REGISTRY, "again"), Reason.CONFLICT, "exists already");
            assertRefused(() -> r.members().add(PHARMACY, "Pharmacy"), Reason.INVALID, "member class COM");
            assertRefused(() -> r.members().add(new MemberId("EE", "GOV", "1"), "x"), Reason.INVALID,
                    "not of instance DEV");
            assertRefused(() -> r.members().add(new MemberId("DEV", "GOV", "a b"), "x"), Reason.INVALID,
                    "may only have the characters");
            assertRefused(() -> r.members().add(PORTAL, " "), Reason.INVALID, "name must not be empty");
            assertRefused(() -> r.members().addMemberClass("GOV", "again"), Reason.CONFLICT, "exists already");
            assertRefused(() -> r.members().removeMemberClass("GOV"), Reason.CONFLICT, "still has members");
            assertRefused(() -> r.members().rename(PORTAL, "x"), Reason.NOT_FOUND, "no member");
            assertRefused(() -> r.members().addSubsystem(PORTAL.subsystem("x"), Optional.empty()), Reason.NOT_FOUND,
                    "no member");

            r.members().removeSubsystem(REGISTRY.subsystem("archive"));
            r.members().remove(REGISTRY);
            r.members().removeMemberClass("GOV");
            assertThat(r.members().list()).isEmpty();
            assertThat(r.members().memberClasses()).isEmpty();

            List<AuditEntry> audit = r.audit().list(AuditQuery.latest());
            assertThat(audit).allSatisfy(e -> assertThat(e.actor()).isEqualTo("ops"));
            assertThat(audit).extracting(AuditEntry::action).containsExactly("member-class.remove", "member.remove",
                    "subsystem.remove", "subsystem.rename", "member.rename", "subsystem.add", "subsystem.add",
                    "member.add", "member-class.add");
            assertThat(audit.get(7).target()).isEqualTo("MEMBER:DEV/GOV/70000001");
            assertThat(audit.get(7).details()).isEqualTo("{\"name\":\"Population Registry\"}");
            assertThat(audit.get(7).at()).isEqualTo(Fixtures.START);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void groupsTrustServicesAndSettings(TestDatabases kind) {
        try (var db = Fixtures.open(kind, clock)) {
            Registry r = Fixtures.populate(db.registry());
            r.groups().add("gov-agencies", "Government agencies");
            r.groups().addMember("gov-agencies", REGISTRY);
            r.groups().addMember("gov-agencies", MANAGEMENT);
            assertThat(r.groups().get("gov-agencies").orElseThrow().members()).containsExactly(REGISTRY, MANAGEMENT);
            assertThat(r.groups().list()).extracting(g -> g.id().groupCode())
                    .containsExactly("gov-agencies", GlobalGroups.SECURITY_SERVER_OWNERS);
            assertRefused(() -> r.groups().addMember("gov-agencies", REGISTRY), Reason.CONFLICT, "already");
            assertRefused(() -> r.groups().addMember("gov-agencies", PORTAL.subsystem("nope")), Reason.INVALID,
                    "not a registered member or subsystem");
            assertRefused(() -> r.groups().remove(GlobalGroups.SECURITY_SERVER_OWNERS), Reason.CONFLICT,
                    "cannot be removed");
            r.groups().removeMember("gov-agencies", MANAGEMENT);
            r.groups().remove("gov-agencies");
            assertRefused(() -> r.groups().remove("gov-agencies"), Reason.NOT_FOUND, "no global group");

            RegisteredCa ca = r.trustServices().cas().getFirst();
            assertThat(ca.ca().topCa().cert()).isEqualTo(Fixtures.PKI.root().certificate());
            assertThat(ca.ca().intermediateCas()).singleElement().satisfies(i -> {
                assertThat(i.cert()).isEqualTo(Fixtures.PKI.intermediate().certificate());
                assertThat(i.ocspResponders().getFirst().cert()).contains(Fixtures.PKI.ocspResponder().certificate());
            });
            assertRefused(() -> r.trustServices().addCa(Fixtures.approvedCa()), Reason.CONFLICT, "exists already");
            var renamed = new ApprovedCa("Other", Optional.empty(), Fixtures.approvedCa().topCa(), List.of(),
                    "not a class!", Optional.empty(), Optional.empty());
            assertRefused(() -> r.trustServices().addCa(renamed), Reason.INVALID, "not a Java class name");
            var withoutIntermediate = new ApprovedCa("Renamed CA", Optional.of(true), Fixtures.approvedCa().topCa(),
                    List.of(), Fixtures.EJBCA, Optional.empty(), Optional.empty());
            assertThat(r.trustServices().replaceCa(ca.id(), withoutIntermediate).ca())
                    .satisfies(c -> {
                        assertThat(c.name()).isEqualTo("Renamed CA");
                        assertThat(c.isAuthenticationOnly()).isTrue();
                        assertThat(c.intermediateCas()).isEmpty();
                    });
            assertThat(r.trustServices().tsas()).singleElement().satisfies(t ->
                    assertThat(t.tsa().url()).isEqualTo("http://127.0.0.1:8899/tsa"));
            assertRefused(() -> r.trustServices().addTsa(Fixtures.approvedTsa()), Reason.CONFLICT, "exists already");
            r.trustServices().removeTsa(r.trustServices().tsas().getFirst().id());
            r.trustServices().removeCa(ca.id());
            assertRefused(() -> r.trustServices().removeCa(ca.id()), Reason.NOT_FOUND, "no approved CA");

            Settings s = r.changeSettings(x -> x.withOcspFreshnessSeconds(1800).withAutoApproval(true, false, true));
            assertThat(r.settings()).isEqualTo(s);
            assertThat(s.managementServiceProvider()).contains(MANAGEMENT);
            assertRefused(() -> r.changeSettings(x -> x.withTimeStampingIntervalSeconds(1800)), Reason.INVALID,
                    "must be less than ocspFreshnessSeconds");
            assertRefused(() -> r.changeSettings(x -> x.withManagementServiceProvider(PORTAL.subsystem("x"))),
                    Reason.INVALID, "not a registered member or subsystem");
            assertRefused(() -> r.changeSettings(x -> x.withAuthCertRegServiceAddress("ftp://x/")), Reason.INVALID,
                    "not an http or https URL");
            assertRefused(() -> r.changeSettings(x -> x.withConfigurationValiditySeconds(10)), Reason.INVALID,
                    "must be 60..");
            assertRefused(() -> r.members().removeSubsystem(MANAGEMENT), Reason.CONFLICT, "management services");
            assertRefused(() -> r.members().remove(REGISTRY), Reason.CONFLICT, "management services");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void trustedAnchorsAndSigningKeyRecords(TestDatabases kind) {
        try (var db = Fixtures.open(kind, clock)) {
            Registry r = db.registry();
            byte[] fed = Fixtures.anchor("FED").toXml();
            TrustedAnchor added = r.trustedAnchors().add(fed);
            assertThat(added.fileHash()).isEqualTo(ConfigurationAnchor.fileHash(fed));
            assertThat(r.trustedAnchors().list()).singleElement().satisfies(a -> {
                assertThat(a.instance()).isEqualTo("FED");
                assertThat(a.xml()).isEqualTo(fed);
            });
            r.trustedAnchors().add(fed);
            assertThat(r.audit().list(AuditQuery.latest()).getFirst().action()).isEqualTo("trusted-anchor.replace");
            assertRefused(() -> r.trustedAnchors().add(Fixtures.anchor("DEV").toXml()), Reason.INVALID, "of this instance");
            assertRefused(() -> r.trustedAnchors().add("<nope/>".getBytes()), Reason.INVALID,
                    "not a configuration anchor");
            r.trustedAnchors().remove("FED");
            assertRefused(() -> r.trustedAnchors().remove("FED"), Reason.NOT_FOUND, "no trusted anchor");

            var cert = Fixtures.PKI.tsa().certificate();
            assertThat(r.signingKeys().add("k1", Kind.INTERNAL, cert).state()).isEqualTo(State.ACTIVE);
            assertThat(r.signingKeys().add("k2", Kind.INTERNAL, cert).state()).isEqualTo(State.ANNOUNCED);
            assertThat(r.signingKeys().add("e1", Kind.EXTERNAL, cert).state()).isEqualTo(State.ACTIVE);
            assertRefused(() -> r.signingKeys().add("k1", Kind.INTERNAL, cert), Reason.CONFLICT, "exists already");
            assertRefused(() -> r.signingKeys().add("../k", Kind.INTERNAL, cert), Reason.INVALID, "must match");
            assertRefused(() -> r.signingKeys().activate("k1"), Reason.CONFLICT, "only an announced key");
            assertRefused(() -> r.signingKeys().remove("k1"), Reason.CONFLICT, "is active");
            r.signingKeys().activate("k2");
            assertThat(r.signingKeys().list()).extracting(SigningKeyRecord::keyId, SigningKeyRecord::state)
                    .containsExactlyInAnyOrder(org.assertj.core.api.Assertions.tuple("k1", State.INACTIVE),
                            org.assertj.core.api.Assertions.tuple("k2", State.ACTIVE),
                            org.assertj.core.api.Assertions.tuple("e1", State.ACTIVE));
            assertThat(r.signingKeys().active(Kind.INTERNAL).orElseThrow().activatedAt()).contains(Fixtures.START);
            r.signingKeys().remove("k1");
            assertRefused(() -> r.signingKeys().remove("k1"), Reason.NOT_FOUND, "no signing key");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void describesWhatIsPublishedOnceTheManagementServicesAreSet(TestDatabases kind) {
        try (var db = Fixtures.open(kind, clock)) {
            assertRefused(() -> db.registry().describe(), Reason.CONFLICT, "management service provider is not set");
            Registry r = Fixtures.populate(db.registry());
            r.groups().add("gov", "Gov").members();
            r.trustedAnchors().add(Fixtures.anchor("FED").toXml());

            var d = r.describe();

            assertThat(d.instance()).isEqualTo("DEV");
            assertThat(d.memberClasses()).extracting(c -> c.code()).containsExactly("COM", "GOV");
            assertThat(d.members()).extracting(m -> m.id()).containsExactly(PHARMACY, REGISTRY, PORTAL);
            assertThat(d.member(REGISTRY).orElseThrow().subsystems()).singleElement()
                    .satisfies(s -> assertThat(s.name()).contains("Management services"));
            assertThat(d.approvedCas()).hasSize(1);
            assertThat(d.approvedTsas()).hasSize(1);
            assertThat(d.globalGroups()).extracting(g -> g.id().groupCode())
                    .containsExactly("gov", GlobalGroups.SECURITY_SERVER_OWNERS);
            assertThat(d.managementService().managementRequestServiceProviderId()).isEqualTo(MANAGEMENT);
            assertThat(d.federationAnchors()).extracting(ConfigurationAnchor::instanceIdentifier).containsExactly("FED");
            assertThat(d.securityServers()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aStoreBelongsToOneInstanceAndFailedChangesLeaveNoTrace(TestDatabases kind) {
        try (var db = Fixtures.open(kind, clock)) {
            long before = db.registry().version();
            assertRefused(() -> db.registry().members().add(REGISTRY, "x"), Reason.INVALID, "member class GOV");
            assertThat(db.registry().version()).isEqualTo(before);
            assertThat(db.registry().audit().list(AuditQuery.latest())).isEmpty();
            var counted = new java.util.concurrent.atomic.AtomicInteger();
            db.registry().onChange(counted::incrementAndGet);
            db.registry().members().addMemberClass("GOV", "Gov");
            assertThat(counted).hasValue(1);
            assertThat(db.registry().version()).isEqualTo(before + 1);

            try (Store second = Store.builder().config(StoreConfig.of(db.database().url(), db.database().user(),
                    db.database().password())).migrations("db/centralserver").open()) {
                assertThat(Registry.open(second, "DEV", clock).members().memberClasses()).hasSize(1);
                assertThatThrownBy(() -> Registry.open(second, "EE", clock)).isInstanceOf(XRoadException.class)
                        .satisfies(e -> assertThat(((XRoadException) e).code().endsWith(ErrorCode.MALFORMED_SERVER_CONF))
                                .isTrue())
                        .hasMessageContaining("registry of instance DEV, not EE");
            }
        }
    }

    static void assertRefused(Runnable change, Reason reason, String message) {
        assertThatThrownBy(change::run).isInstanceOf(RegistryException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(((RegistryException) e).reason()).isEqualTo(reason));
    }
}
