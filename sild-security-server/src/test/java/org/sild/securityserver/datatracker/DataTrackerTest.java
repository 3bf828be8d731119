package org.sild.securityserver.datatracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sild.core.rest.HttpHeader;
import org.sild.core.rest.RestRequest;
import org.sild.securityserver.datatracker.PersonalDataDeclaration.Endpoint;
import org.sild.securityserver.datatracker.SubjectLocator.Kind;
import org.sild.securityserver.serverconf.TestStore;
import org.sild.testing.TestDatabases;

/** The recorder without proxies: header locator, bounded bodies, and a store failure that is not silent. */
class DataTrackerTest {

    private static RestRequest request(String method, String path, HttpHeader... extra) {
        var headers = new java.util.ArrayList<HttpHeader>(List.of(new HttpHeader("X-Road-Client", "EE/GOV/70000001/clinic"),
                new HttpHeader("X-Road-Id", "q-1")));
        headers.addAll(List.of(extra));
        return RestRequest.fromClient(method, "/r1/EE/GOV/70000002/prescriptions/eprescription" + path, Optional.empty(),
                headers, "req-1", () -> "EE-1");
    }

    private static Optional<DataTracker.RequestBody> body(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return Optional.of(new DataTracker.RequestBody(bytes.length, () -> new ByteArrayInputStream(bytes)));
    }

    @Test
    void headerLocatorBoundedBodiesAndAFailingStore() {
        try (var db = TestStore.open(TestDatabases.H2)) {
            var conf = DeclarationsTest.serverConf(db);
            var declarations = new Declarations(db.store(), conf, DeclarationsTest.CLOCK);
            declarations.declare(PersonalDataDeclaration.builder(DeclarationsTest.REGISTER, "eprescription")
                    .locator(SubjectLocator.of(Kind.HEADER, "X-Patient")).subjectPrefix("EE").build());
            declarations.declare(PersonalDataDeclaration.builder(DeclarationsTest.REGISTER, "eprescription")
                    .endpoint(Endpoint.parse("POST /prescriptions")).locator(SubjectLocator.of(Kind.JSON_POINTER,
                            "/patient")).build());
            var usages = new UsageStore(db.store());
            var tracker = new DataTracker(declarations, usages, new DataTrackerSettings(365, 64,
                    java.time.Duration.ofHours(1), java.util.List.of()), DeclarationsTest.CLOCK);

            Usage byHeader = tracker.rest(request("GET", "/prescriptions", new HttpHeader("X-Patient", "38001010001"),
                    new HttpHeader("x-patient", "EE38001010002")), Optional.empty()).orElseThrow();
            assertThat(byHeader.subjects()).containsExactly("EE38001010001", "EE38001010002");

            Usage small = tracker.rest(request("POST", "/prescriptions"), body("{\"patient\":\"38001010003\"}"))
                    .orElseThrow();
            assertThat(small.subjects()).containsExactly("38001010003");
            Usage large = tracker.rest(request("POST", "/prescriptions"), body("{\"medication\":\"" + "x".repeat(100)
                    + "\",\"patient\":\"38001010003\"}")).orElseThrow();
            assertThat(large.subjects()).isEmpty();
            assertThat(tracker.bodiesTooLarge()).isEqualTo(1);
            assertThat(large.records(Optional.empty(), true)).isEmpty();
            assertThat(tracker.exchangesWithoutSubject()).isEqualTo(1);

            small.records(Optional.of("Family Clinic"), true).orElseThrow().runAlone();
            assertThat(usages.find(new UsageStore.Query(DeclarationsTest.REGISTER, "38001010003", Optional.empty(),
                    Optional.empty(), 0, 10), DeclarationsTest.CLOCK.instant()).records())
                    .singleElement().satisfies(r -> assertThat(r.consumerName()).contains("Family Clinic"));
        }
    }
}
