package org.sild.securityserver.serverconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.securityserver.serverconf.Refusals.refused;
import static org.sild.securityserver.serverconf.ServerConfStoreTest.CLOCK;
import static org.sild.securityserver.serverconf.ServerConfStoreTest.OWNER;
import static org.sild.securityserver.serverconf.ServerConfStoreTest.REGISTRY;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sild.core.id.ServiceId;
import org.sild.core.id.SubsystemId;
import org.sild.securityserver.serverconf.LocalClient.ConnectionType;
import org.sild.securityserver.serverconf.LocalClient.Status;
import org.sild.securityserver.serverconf.LocalConfException.Reason;
import org.sild.securityserver.serverconf.LocalService.ServiceType;
import org.sild.testing.TestDatabases;

class ServiceDescriptionsTest {

    static final SubsystemId PORTAL = new SubsystemId("DEV", "GOV", "70000003", "portal");
    static final URI REST_URL = URI.create("http://127.0.0.1:9001/persons");
    static final URI WSDL_URL = URI.create("http://127.0.0.1:9002/wsdl");

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void restDescriptionWithDefaults(TestDatabases kind) {
        try (var db = TestStore.open(kind)) {
            var store = store(db);
            ServiceDescription d = store.serviceDescriptions().add(REGISTRY, ServiceType.REST, REST_URL,
                    List.of(ServiceSpec.of("persons")));
            assertThat(d.client()).isEqualTo(REGISTRY);
            assertThat(d.refreshedAt()).isEqualTo(CLOCK.instant());
            var persons = new ServiceId(REGISTRY, "persons");
            var expected = new LocalService(persons, ServiceType.REST, REST_URL, Duration.ofSeconds(60), true,
                    Optional.empty());
            assertThat(d.services()).containsExactly(expected);
            assertThat(new StoreServerConf(store).service(persons)).contains(expected);
            assertThat(store.serviceDescriptions().get(d.id())).contains(d);
            assertThat(store.serviceDescriptions().list(REGISTRY)).containsExactly(d);

            refused(Reason.CONFLICT, "url", () -> store.serviceDescriptions().add(REGISTRY, ServiceType.REST, REST_URL,
                    List.of(ServiceSpec.of("other"))));
            refused(Reason.CONFLICT, "services[0].code", () -> store.serviceDescriptions().add(REGISTRY,
                    ServiceType.REST, URI.create("http://other/"), List.of(ServiceSpec.of("persons"))));
            refused(Reason.INVALID, "services", () -> store.serviceDescriptions().add(REGISTRY, ServiceType.REST,
                    URI.create("http://two/"), List.of(ServiceSpec.of("a"), ServiceSpec.of("b"))));
            refused(Reason.INVALID, "services[0].version", () -> store.serviceDescriptions().add(REGISTRY,
                    ServiceType.REST, URI.create("http://v/"), List.of(ServiceSpec.of("a").withVersion("v1"))));
            refused(Reason.CONFLICT, "code", () -> store.serviceDescriptions().addService(d.id(), ServiceSpec.of("x")));
            refused(Reason.NOT_FOUND, "client", () -> store.serviceDescriptions().add(OWNER.subsystem("nope"),
                    ServiceType.REST, REST_URL, List.of(ServiceSpec.of("persons"))));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void badValuesNameTheirField(TestDatabases kind) {
        try (var db = TestStore.open(kind)) {
            var store = store(db);
            var descriptions = store.serviceDescriptions();
            refused(Reason.INVALID, "url", () -> descriptions.add(REGISTRY, ServiceType.WSDL,
                    URI.create("ftp://host/x"), List.of()));
            refused(Reason.INVALID, "url", () -> descriptions.add(REGISTRY, ServiceType.WSDL,
                    URI.create("relative/path"), List.of()));
            refused(Reason.INVALID, "services[1].timeout", () -> descriptions.add(REGISTRY, ServiceType.WSDL, WSDL_URL,
                    List.of(ServiceSpec.of("a"), ServiceSpec.of("b").withTimeout(Duration.ZERO))));
            refused(Reason.INVALID, "services[0].timeout", () -> descriptions.add(REGISTRY, ServiceType.WSDL, WSDL_URL,
                    List.of(ServiceSpec.of("a").withTimeout(Duration.ofHours(2)))));
            refused(Reason.INVALID, "services[0].url", () -> descriptions.add(REGISTRY, ServiceType.WSDL, WSDL_URL,
                    List.of(ServiceSpec.of("a").withUrl(URI.create("mailto:x@y")))));
            refused(Reason.INVALID, "services[0].code", () -> descriptions.add(REGISTRY, ServiceType.WSDL, WSDL_URL,
                    List.of(ServiceSpec.of(" padded "))));
            refused(Reason.CONFLICT, "services[1].code", () -> descriptions.add(REGISTRY, ServiceType.WSDL, WSDL_URL,
                    List.of(ServiceSpec.of("a").withVersion("v1"), ServiceSpec.of("a").withVersion("v1"))));
            assertThat(descriptions.list(REGISTRY)).as("nothing of a refused change stays").isEmpty();
            refused(Reason.NOT_FOUND, "id", () -> descriptions.enable(UUID.randomUUID()));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void wsdlServicesVersionsAndDisabling(TestDatabases kind) {
        try (var db = TestStore.open(kind)) {
            var store = store(db);
            var conf = new StoreServerConf(store);
            ServiceDescription d = store.serviceDescriptions().add(REGISTRY, ServiceType.WSDL, WSDL_URL, List.of(
                    ServiceSpec.of("getRandom").withVersion("v2").withUrl(URI.create("https://is/random"))
                            .withTimeout(Duration.ofSeconds(5)).withVerifyTls(false),
                    ServiceSpec.of("getRandom").withVersion("v1")));
            d = store.serviceDescriptions().addService(d.id(), ServiceSpec.of("helloService").withVersion("v1"));
            assertThat(d.services()).extracting(s -> s.id().toString()).containsExactly(
                    "SERVICE:DEV/GOV/70000001/registry/getRandom/v1", "SERVICE:DEV/GOV/70000001/registry/getRandom/v2",
                    "SERVICE:DEV/GOV/70000001/registry/helloService/v1");

            LocalService v2 = conf.service(new ServiceId(REGISTRY, "getRandom", "v2")).orElseThrow();
            assertThat(v2.url()).isEqualTo(URI.create("https://is/random"));
            assertThat(v2.timeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(v2.verifyTls()).isFalse();
            assertThat(conf.service(new ServiceId(REGISTRY, "getRandom")).orElseThrow().id().serviceVersion())
                    .as("without a version: the lowest").contains("v1");
            assertThat(conf.service(new ServiceId(REGISTRY, "getRandom", "v3"))).isEmpty();
            assertThat(conf.service(new ServiceId(PORTAL, "getRandom", "v1"))).isEmpty();

            store.serviceDescriptions().disable(d.id(), "down for upgrade");
            assertThat(conf.service(new ServiceId(REGISTRY, "helloService", "v1")).orElseThrow().disabledNotice())
                    .contains("down for upgrade");
            store.serviceDescriptions().enable(d.id());
            assertThat(conf.service(new ServiceId(REGISTRY, "helloService", "v1")).orElseThrow().isDisabled()).isFalse();

            var v1 = new ServiceId(REGISTRY, "getRandom", "v1");
            LocalService updated = store.serviceDescriptions().updateService(v1, new ServiceUpdate(
                    Optional.of(URI.create("http://new/")), Optional.of(Duration.ofSeconds(7)), Optional.of(false)));
            assertThat(updated).isEqualTo(new LocalService(v1, ServiceType.WSDL, URI.create("http://new/"),
                    Duration.ofSeconds(7), false, Optional.empty()));
            refused(Reason.INVALID, "timeout", () -> store.serviceDescriptions().updateService(v1, new ServiceUpdate(
                    Optional.empty(), Optional.of(Duration.ofMillis(1500)), Optional.empty())));
            refused(Reason.NOT_FOUND, "service", () -> store.serviceDescriptions().updateService(
                    new ServiceId(REGISTRY, "getRandom"), new ServiceUpdate(Optional.empty(), Optional.empty(),
                            Optional.of(true))));
            assertThat(store.serviceDescriptions().services(REGISTRY)).hasSize(3);
            assertThat(store.serviceDescriptions().descriptionOf(v1)).map(ServiceDescription::id).contains(d.id());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void removingTheLastServiceOfACodeRemovesItsEndpointsAndRights(TestDatabases kind) {
        try (var db = TestStore.open(kind)) {
            var store = store(db);
            var wsdl = store.serviceDescriptions().add(REGISTRY, ServiceType.WSDL, WSDL_URL, List.of(
                    ServiceSpec.of("getRandom").withVersion("v1"), ServiceSpec.of("getRandom").withVersion("v2"),
                    ServiceSpec.of("helloService").withVersion("v1")));
            var rest = store.serviceDescriptions().add(REGISTRY, ServiceType.OPENAPI3, REST_URL,
                    List.of(ServiceSpec.of("persons")));
            store.endpoints().add(REGISTRY, new Endpoint("persons", "get", "/{personalCode}"));
            store.accessRights().grant(REGISTRY, AccessRight.wholeService(PORTAL, "getRandom"));
            store.accessRights().grant(REGISTRY, AccessRight.wholeService(PORTAL, "helloService"));
            store.accessRights().grant(REGISTRY, new AccessRight(PORTAL, "persons", "GET", "/{personalCode}"));

            store.serviceDescriptions().deleteService(new ServiceId(REGISTRY, "getRandom", "v1"));
            assertThat(store.accessRights().list(REGISTRY, "getRandom")).as("v2 still has the code").hasSize(1);
            store.serviceDescriptions().refresh(wsdl.id(), List.of(ServiceSpec.of("helloService").withVersion("v2")));
            assertThat(store.accessRights().list(REGISTRY)).extracting(AccessRight::serviceCode)
                    .containsExactly("helloService", "persons");

            store.serviceDescriptions().deleteService(new ServiceId(REGISTRY, "persons"));
            assertThat(store.serviceDescriptions().get(rest.id())).as("left empty, so deleted").isEmpty();
            assertThat(store.endpoints().list(REGISTRY, "persons")).isEmpty();
            assertThat(store.accessRights().list(REGISTRY)).extracting(AccessRight::serviceCode)
                    .containsExactly("helloService");

            store.serviceDescriptions().delete(wsdl.id());
            assertThat(store.serviceDescriptions().list(REGISTRY)).isEmpty();
            assertThat(store.accessRights().list(REGISTRY)).isEmpty();
            refused(Reason.NOT_FOUND, "id", () -> store.serviceDescriptions().delete(wsdl.id()));
            refused(Reason.NOT_FOUND, "service", () -> store.serviceDescriptions().deleteService(
                    new ServiceId(REGISTRY, "persons")));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void endpoints(TestDatabases kind) {
        try (var db = TestStore.open(kind)) {
            var store = store(db);
            store.serviceDescriptions().add(REGISTRY, ServiceType.REST, REST_URL, List.of(ServiceSpec.of("persons")));
            store.serviceDescriptions().add(REGISTRY, ServiceType.WSDL, WSDL_URL,
                    List.of(ServiceSpec.of("getRandom").withVersion("v1")));
            var byCode = new Endpoint("persons", "get", "/{personalCode}");
            assertThat(byCode.method()).isEqualTo("GET");
            store.endpoints().add(REGISTRY, byCode);
            store.endpoints().add(REGISTRY, new Endpoint("persons", "*", "/search/**"));
            assertThat(store.endpoints().list(REGISTRY, "persons")).as("sorted by path")
                    .containsExactly(new Endpoint("persons", "*", "/search/**"), byCode);
            assertThat(store.serviceDescriptions().list(REGISTRY).getFirst().endpoints()).hasSize(2);

            refused(Reason.CONFLICT, "path", () -> store.endpoints().add(REGISTRY, byCode));
            refused(Reason.CONFLICT, "path", () -> store.endpoints().add(REGISTRY, Endpoint.wholeService("persons")));
            refused(Reason.NOT_FOUND, "serviceCode", () -> store.endpoints().add(REGISTRY,
                    new Endpoint("getRandom", "POST", "/x")));
            refused(Reason.INVALID, "method", () -> new Endpoint("persons", "FETCH", "/x"));
            refused(Reason.INVALID, "path", () -> new Endpoint("persons", "GET", "x"));
            refused(Reason.INVALID, "path", () -> new Endpoint("persons", "GET", "/a b"));
            refused(Reason.INVALID, "path", () -> new Endpoint("persons", "GET", "/a?b=1"));

            store.accessRights().grant(REGISTRY, new AccessRight(PORTAL, "persons", "GET", "/{personalCode}"));
            store.endpoints().remove(REGISTRY, byCode);
            assertThat(store.accessRights().list(REGISTRY)).as("rights on the endpoint go with it").isEmpty();
            refused(Reason.NOT_FOUND, "path", () -> store.endpoints().remove(REGISTRY, byCode));
        }
    }

    static ServerConfStore store(TestStore db) {
        var store = new ServerConfStore(db.store(), CLOCK);
        store.clients().add(REGISTRY, Status.REGISTERED, ConnectionType.NOSSL);
        return store;
    }
}
