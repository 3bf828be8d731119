package org.sild.securityserver.datatracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sild.core.fault.ErrorCode;
import org.sild.core.id.MemberId;
import org.sild.core.id.SubsystemId;
import org.sild.securityserver.datatracker.PersonalDataDeclaration.Endpoint;
import org.sild.securityserver.datatracker.SubjectLocator.Kind;
import org.sild.securityserver.serverconf.LocalClient.ConnectionType;
import org.sild.securityserver.serverconf.LocalClient.Status;
import org.sild.securityserver.serverconf.LocalService.ServiceType;
import org.sild.securityserver.serverconf.ServerConfStore;
import org.sild.securityserver.serverconf.ServiceSpec;
import org.sild.securityserver.serverconf.TestStore;
import org.sild.testing.TestDatabases;

/** Declarations: validation, storage with the service description, and the proxies' lookup. */
class DeclarationsTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    static final SubsystemId REGISTER = new MemberId("EE", "GOV", "70000002").subsystem("prescriptions");
    static final SubsystemId OTHER = new MemberId("EE", "GOV", "70000003").subsystem("portal");

    /** A store with REST service {@code eprescription} (three endpoints) and SOAP service {@code getPerson}. */
    static ServerConfStore serverConf(TestStore db) {
        var conf = new ServerConfStore(db.store(), CLOCK);
        conf.clients().add(REGISTER, Status.REGISTERED, ConnectionType.NOSSL);
        conf.clients().add(OTHER, Status.REGISTERED, ConnectionType.NOSSL);
        conf.serviceDescriptions().add(REGISTER, ServiceType.REST, URI.create("http://127.0.0.1:9/api"),
                List.of(ServiceSpec.of("eprescription")));
        for (String[] e : new String[][] {{"POST", "/prescriptions"}, {"GET", "/prescriptions"},
                {"POST", "/prescriptions/{id}/dispense"}}) {
            conf.endpoints().add(REGISTER, new org.sild.securityserver.serverconf.Endpoint("eprescription", e[0], e[1]));
        }
        conf.serviceDescriptions().add(REGISTER, ServiceType.WSDL, URI.create("http://127.0.0.1:9/wsdl"),
                List.of(ServiceSpec.of("getPerson").withVersion("v1")));
        return conf;
    }

    private static PersonalDataDeclaration.Builder eprescription() {
        return PersonalDataDeclaration.builder(REGISTER, "eprescription").subjectPrefix("EE");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void anEndpointDeclarationOverridesTheServiceOneAndBindsPathVariables(TestDatabases kind) {
        try (var db = TestStore.open(kind)) {
            var declarations = new Declarations(db.store(), serverConf(db), CLOCK);
            assertThat(declarations.declares(REGISTER)).isFalse();
            assertThat(declarations.find(REGISTER, "eprescription", "GET", "/prescriptions")).isEmpty();

            var service = declarations.declare(eprescription().locator(SubjectLocator.of(Kind.QUERY, "patient"))
                    .purpose("treatment").legalBasis("Health Services Organisation Act").build());
            var dispense = declarations.declare(eprescription().endpoint(Endpoint.parse("POST /prescriptions/{id}/dispense"))
                    .locator(SubjectLocator.of(Kind.PATH, "id")).processingType("update").build());

            assertThat(declarations.declares(REGISTER)).isTrue();
            assertThat(declarations.declares(OTHER)).isFalse();
            assertThat(declarations.find(REGISTER, "eprescription", "GET", "/prescriptions"))
                    .hasValueSatisfying(m -> assertThat(m.declaration()).isEqualTo(service));
            assertThat(declarations.find(REGISTER, "eprescription", "POST", "/prescriptions/p%2D7/dispense"))
                    .hasValueSatisfying(m -> {
                        assertThat(m.declaration()).isEqualTo(dispense);
                        assertThat(m.pathVariables()).isEqualTo(Map.of("id", "p-7"));
                    });
            assertThat(declarations.find(REGISTER, "eprescription", "GET", "/prescriptions/7/dispense"))
                    .as("another method: the service-level declaration").hasValueSatisfying(m ->
                            assertThat(m.declaration()).isEqualTo(service));
            assertThat(declarations.find(REGISTER, "other", "GET", "/")).isEmpty();
            assertThat(declarations.list(REGISTER)).containsExactlyInAnyOrder(service, dispense);

            declarations.remove(REGISTER, "eprescription", Optional.empty());
            assertThat(declarations.find(REGISTER, "eprescription", "GET", "/prescriptions")).isEmpty();
            assertThat(declarations.list(REGISTER)).containsExactly(dispense);
            assertThat(new Declarations(db.store(), serverConf(db, false), CLOCK).list(REGISTER))
                    .as("stored").containsExactly(dispense);
        }
    }

    @Test
    void anEndpointImportedFromOpenApiAsXRoadListsItTakesADeclarationWithNamedVariables() {
        try (var db = TestStore.open(TestDatabases.H2)) {
            var conf = serverConf(db);
            conf.endpoints().add(REGISTER, new org.sild.securityserver.serverconf.Endpoint("eprescription", "GET",
                    "/prescriptions/*/history"));
            var declarations = new Declarations(db.store(), conf, CLOCK);
            declarations.declare(eprescription().endpoint(Endpoint.parse("GET /prescriptions/{id}/history"))
                    .locator(SubjectLocator.of(Kind.RESPONSE_JSON_POINTER, "/patient")).build());
            assertThat(declarations.find(REGISTER, "eprescription", "GET", "/prescriptions/RX-1/history"))
                    .hasValueSatisfying(m -> assertThat(m.pathVariables()).isEqualTo(Map.of("id", "RX-1")));
            assertThatThrownBy(() -> declarations.declare(eprescription()
                    .endpoint(Endpoint.parse("GET /prescriptions/{id}/other"))
                    .locator(SubjectLocator.of(Kind.QUERY, "patient")).build()))
                    .isInstanceOf(DeclarationException.class).hasMessageContaining("no endpoint");
        }
    }

    private static ServerConfStore serverConf(TestStore db, boolean create) {
        return create ? serverConf(db) : new ServerConfStore(db.store(), CLOCK);
    }

    @Test
    void aSoapDeclarationIsFoundByServiceCodeAndTheLastServiceTakesItsDeclarationsAlong() {
        try (var db = TestStore.open(TestDatabases.H2)) {
            var conf = serverConf(db);
            var declarations = new Declarations(db.store(), conf, CLOCK);
            var soap = declarations.declare(PersonalDataDeclaration.builder(REGISTER, "getPerson")
                    .locator(new SubjectLocator(Kind.XPATH, "p:getPerson/p:code", Map.of("p", "urn:persons")))
                    .build());
            assertThat(declarations.find(REGISTER, "getPerson")).hasValueSatisfying(m ->
                    assertThat(m.declaration()).isEqualTo(soap));

            conf.serviceDescriptions().deleteService(new org.sild.core.id.ServiceId(REGISTER, "getPerson", "v1"));
            var fresh = new Declarations(db.store(), conf, CLOCK);
            assertThat(fresh.find(REGISTER, "getPerson")).isEmpty();
            conf.serviceDescriptions().add(REGISTER, ServiceType.WSDL, URI.create("http://127.0.0.1:9/wsdl2"),
                    List.of(ServiceSpec.of("getPerson").withVersion("v1")));
            assertThat(new Declarations(db.store(), conf, CLOCK).list(REGISTER))
                    .as("deleted with the service, not revived by a new one").isEmpty();
        }
    }

    @Test
    void aRefreshThatKeepsTheEndpointKeepsItsDeclaration() {
        try (var db = TestStore.open(TestDatabases.H2)) {
            var conf = serverConf(db);
            var declarations = new Declarations(db.store(), conf, CLOCK);
            var write = declarations.declare(eprescription().endpoint(Endpoint.parse("POST /prescriptions"))
                    .locator(SubjectLocator.of(Kind.JSON_POINTER, "/patient")).processingType("write").build());
            var description = conf.serviceDescriptions().list(REGISTER).stream()
                    .filter(d -> d.services().stream().anyMatch(s -> s.id().serviceCode().equals("eprescription")))
                    .findFirst().orElseThrow();
            conf.serviceDescriptions().refresh(description.id(), List.of(ServiceSpec.of("eprescription")));
            assertThat(new Declarations(db.store(), conf, CLOCK).list(REGISTER)).containsExactly(write);

            conf.endpoints().remove(REGISTER, new org.sild.securityserver.serverconf.Endpoint("eprescription", "POST",
                    "/prescriptions"));
            assertThat(new Declarations(db.store(), conf, CLOCK).find(REGISTER, "eprescription", "POST",
                    "/prescriptions")).as("an endpoint declaration applies only while its endpoint exists").isEmpty();
        }
    }

    @Test
    void badDeclarationsAreRefusedNamingTheField() {
        try (var db = TestStore.open(TestDatabases.H2)) {
            var declarations = new Declarations(db.store(), serverConf(db), CLOCK);
            refused("locator.kind", false, () -> Kind.of("cookie"));
            refused("locator.name", false, () -> SubjectLocator.of(Kind.QUERY, " "));
            refused("locator.name", false, () -> SubjectLocator.of(Kind.JSON_POINTER, "patient"));
            refused("locator.name", false, () -> SubjectLocator.of(Kind.JSON_POINTER, "/a~2b"));
            refused("locator.name", false, () -> SubjectLocator.of(Kind.XPATH, "p:code"));
            refused("locator.name", false, () -> new SubjectLocator(Kind.XPATH, "p:code[", Map.of("p", "urn:x")));
            refused("locator.namespaces", false, () -> new SubjectLocator(Kind.QUERY, "q", Map.of("p", "urn:x")));
            refused("endpoint", false, () -> Endpoint.parse("FETCH /x"));
            refused("endpoint", false, () -> Endpoint.parse("GET"));
            refused("locator.name", false, () -> eprescription().endpoint(Endpoint.parse("GET /prescriptions"))
                    .locator(SubjectLocator.of(Kind.PATH, "id")).build());
            refused("locator", false, () -> eprescription().build());
            refused("processingType", false, () -> eprescription().locator(SubjectLocator.of(Kind.QUERY, "p"))
                    .processingType("").build());
            refused("purpose", false, () -> eprescription().locator(SubjectLocator.of(Kind.QUERY, "p"))
                    .purpose("x".repeat(1001)).build());
            refused("serviceCode", true, () -> declarations.declare(PersonalDataDeclaration.builder(REGISTER, "nothing")
                    .locator(SubjectLocator.of(Kind.QUERY, "p")).build()));
            refused("endpoint", true, () -> declarations.declare(eprescription().endpoint(Endpoint.parse("GET /other"))
                    .locator(SubjectLocator.of(Kind.QUERY, "p")).build()));
            refused("locator.kind", false, () -> declarations.declare(eprescription()
                    .locator(new SubjectLocator(Kind.XPATH, "code", Map.of())).build()));
            refused("locator.kind", false, () -> declarations.declare(PersonalDataDeclaration.builder(REGISTER,
                    "getPerson").locator(SubjectLocator.of(Kind.HEADER, "X-Person")).build()));
            refused("serviceCode", true, () -> declarations.remove(REGISTER, "eprescription", Optional.empty()));
        }
    }

    private static void refused(String field, boolean notFound, Runnable action) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(DeclarationException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.isNotFound()).isEqualTo(notFound);
            assertThat(e.code().contains(notFound ? ErrorCode.NOT_FOUND : ErrorCode.BAD_REQUEST)).isTrue();
        });
    }
}
