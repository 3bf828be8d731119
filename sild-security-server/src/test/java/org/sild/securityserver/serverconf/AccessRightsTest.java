package org.sild.securityserver.serverconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.securityserver.serverconf.Refusals.refused;
import static org.sild.securityserver.serverconf.ServerConfStoreTest.CLOCK;
import static org.sild.securityserver.serverconf.ServerConfStoreTest.REGISTRY;
import static org.sild.securityserver.serverconf.ServiceDescriptionsTest.PORTAL;
import static org.sild.securityserver.serverconf.ServiceDescriptionsTest.REST_URL;
import static org.sild.securityserver.serverconf.ServiceDescriptionsTest.WSDL_URL;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sild.core.id.GlobalGroupId;
import org.sild.core.id.LocalGroupId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SubsystemId;
import org.sild.securityserver.serverconf.LocalConfException.Reason;
import org.sild.securityserver.serverconf.LocalService.ServiceType;
import org.sild.testing.TestDatabases;

class AccessRightsTest {

    static final SubsystemId CLINIC = new SubsystemId("DEV", "COM", "10000002", "clinic");
    static final SubsystemId POS = new SubsystemId("DEV", "COM", "10000001", "pos");

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void grantsOnServicesAndEndpoints(TestDatabases kind) {
        try (var db = TestStore.open(kind)) {
            var store = withServices(db);
            var conf = new StoreServerConf(store);
            var rights = store.accessRights();
            assertThat(rights.grant(REGISTRY, AccessRight.wholeService(PORTAL, "persons"))).isTrue();
            assertThat(rights.grant(REGISTRY, AccessRight.wholeService(PORTAL, "persons"))).as("again").isFalse();
            assertThat(rights.grant(REGISTRY, new AccessRight(CLINIC, "persons", "get", "/{personalCode}"))).isTrue();
            var members = new GlobalGroupId("DEV", "members");
            rights.grant(REGISTRY, AccessRight.wholeService(members, "getRandom"));
            rights.grant(REGISTRY, AccessRight.wholeService(new MemberId("DEV", "COM", "10000001"), "getRandom"));

            assertThat(conf.accessRights(REGISTRY, "persons")).containsExactly(
                    new AccessRight(CLINIC, "persons", "GET", "/{personalCode}"),
                    AccessRight.wholeService(PORTAL, "persons"));
            assertThat(conf.accessRights(REGISTRY, "getRandom")).extracting(AccessRight::subject)
                    .as("sorted by short form").containsExactly(members, new MemberId("DEV", "COM", "10000001"));
            assertThat(conf.accessRights(REGISTRY, "helloService")).isEmpty();
            assertThat(conf.accessRights(PORTAL, "persons")).isEmpty();

            refused(Reason.NOT_FOUND, "serviceCode", () -> rights.grant(REGISTRY, AccessRight.wholeService(PORTAL,
                    "nope")));
            refused(Reason.NOT_FOUND, "path", () -> rights.grant(REGISTRY, new AccessRight(PORTAL, "persons", "POST",
                    "/{personalCode}")));
            refused(Reason.NOT_FOUND, "subject", () -> rights.grant(REGISTRY, AccessRight.wholeService(
                    new LocalGroupId("friends"), "persons")));
            refused(Reason.NOT_FOUND, "client", () -> rights.grant(PORTAL, AccessRight.wholeService(REGISTRY,
                    "persons")));
            refused(Reason.INVALID, "method", () -> rights.grant(REGISTRY, new AccessRight(PORTAL, "persons", "BREW",
                    "**")));

            rights.revoke(REGISTRY, new AccessRight(CLINIC, "persons", "GET", "/{personalCode}"));
            assertThat(conf.accessRights(REGISTRY, "persons")).containsExactly(AccessRight.wholeService(PORTAL,
                    "persons"));
            refused(Reason.NOT_FOUND, "subject", () -> rights.revoke(REGISTRY, new AccessRight(CLINIC, "persons",
                    "GET", "/{personalCode}")));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void localGroups(TestDatabases kind) {
        try (var db = TestStore.open(kind)) {
            var store = withServices(db);
            var conf = new StoreServerConf(store);
            var groups = store.localGroups();
            LocalGroup g = groups.add(REGISTRY, "health", "Health care providers");
            assertThat(g).isEqualTo(new LocalGroup(REGISTRY, "health", "Health care providers", CLOCK.instant(),
                    List.of()));
            refused(Reason.CONFLICT, "code", () -> groups.add(REGISTRY, "health", ""));
            refused(Reason.INVALID, "code", () -> groups.add(REGISTRY, "", ""));
            refused(Reason.NOT_FOUND, "client", () -> groups.add(PORTAL, "x", ""));

            groups.addMembers(REGISTRY, "health", List.of(POS, CLINIC));
            g = groups.addMembers(REGISTRY, "health", List.of(CLINIC));
            assertThat(g.members()).as("sorted, no duplicates").containsExactly(POS, CLINIC);
            assertThat(conf.localGroup(REGISTRY, "health")).contains(List.of(POS, CLINIC));
            assertThat(conf.localGroup(REGISTRY, "other")).isEmpty();
            assertThat(conf.localGroup(PORTAL, "health")).isEmpty();

            refused(Reason.NOT_FOUND, "members", () -> groups.removeMembers(REGISTRY, "health", List.of(POS, PORTAL)));
            assertThat(groups.get(REGISTRY, "health").orElseThrow().members()).as("all or nothing").hasSize(2);
            groups.removeMembers(REGISTRY, "health", List.of(POS));
            assertThat(conf.localGroup(REGISTRY, "health")).contains(List.of(CLINIC));
            assertThat(groups.setDescription(REGISTRY, "health", "Clinics").description()).isEqualTo("Clinics");

            store.accessRights().grant(REGISTRY, AccessRight.wholeService(new LocalGroupId("health"), "persons"));
            groups.add(REGISTRY, "admins", "");
            assertThat(groups.list(REGISTRY)).extracting(LocalGroup::code).containsExactly("admins", "health");
            groups.delete(REGISTRY, "health");
            assertThat(conf.localGroup(REGISTRY, "health")).isEmpty();
            assertThat(conf.accessRights(REGISTRY, "persons")).as("its grants go with it").isEmpty();
            refused(Reason.NOT_FOUND, "code", () -> groups.delete(REGISTRY, "health"));
            refused(Reason.NOT_FOUND, "code", () -> groups.addMembers(REGISTRY, "health", List.of(POS)));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void theBuiltInFindUsageIsGrantableOnTheWholeServiceWithoutADescription(TestDatabases kind) {
        try (var db = TestStore.open(kind)) {
            var store = withServices(db);
            var rights = store.accessRights();
            assertThat(rights.grant(REGISTRY, AccessRight.wholeService(PORTAL, "findUsage"))).isTrue();
            assertThat(new StoreServerConf(store).accessRights(REGISTRY, "findUsage"))
                    .containsExactly(AccessRight.wholeService(PORTAL, "findUsage"));
            // Only the whole service: a built-in service has no registered endpoints.
            refused(Reason.NOT_FOUND, "serviceCode", () -> rights.grant(REGISTRY, new AccessRight(PORTAL, "findUsage",
                    "GET", "/v2/findUsage")));
            refused(Reason.NOT_FOUND, "client", () -> rights.grant(PORTAL, AccessRight.wholeService(REGISTRY,
                    "findUsage")));
            rights.revoke(REGISTRY, AccessRight.wholeService(PORTAL, "findUsage"));
            assertThat(rights.list(REGISTRY, "findUsage")).isEmpty();
        }
    }

    static ServerConfStore withServices(TestStore db) {
        var store = ServiceDescriptionsTest.store(db);
        store.serviceDescriptions().add(REGISTRY, ServiceType.OPENAPI3, REST_URL, List.of(ServiceSpec.of("persons")));
        store.endpoints().add(REGISTRY, new Endpoint("persons", "GET", "/{personalCode}"));
        store.serviceDescriptions().add(REGISTRY, ServiceType.WSDL, WSDL_URL, List.of(
                ServiceSpec.of("getRandom").withVersion("v1"), ServiceSpec.of("helloService").withVersion("v1")));
        return store;
    }
}
