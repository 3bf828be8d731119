package org.sild.securityserver.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.runtime.admin.ApiKey;
import org.sild.runtime.http.HttpServer;
import org.sild.runtime.http.RouteTable;
import org.sild.securityserver.serverconf.ServerConfStore;
import org.sild.securityserver.serverconf.TestStore;
import org.sild.securityserver.signer.SoftwareToken;
import org.sild.testing.TestDatabases;

/** The hand-written OpenAPI document and the router describe the same operations. */
class OpenApiDocumentTest {

    @TempDir
    Path dir;

    private SoftwareToken token() {
        return SoftwareToken.open(dir.resolve("token"), "pin-1234".toCharArray(), new SecureRandom(), Clock.systemUTC());
    }

    @Test
    void everyRouteIsDescribedAndEveryDescribedOperationIsRouted() {
        try (var db = TestStore.open(TestDatabases.H2)) {
            var api = new AdminApi(new ServerConfStore(db.store(), Clock.systemUTC()), token());
            var routed = new HashSet<>(api.routes());
            var described = new HashSet<>(AdminApi.document().operations());
            assertThat(routed).as("routes without description").isSubsetOf(described);
            assertThat(described).as("described operations without route").isSubsetOf(routed);
            assertThat(routed).hasSize(api.routes().size());
        }
    }

    @Test
    void everyRouteAnswersFromItsHandler() {
        try (var db = TestStore.open(TestDatabases.H2)) {
            var api = new AdminApi(new ServerConfStore(db.store(), Clock.systemUTC()), token());
            var keys = List.of(new ApiKey("test", "0123456789abcdef"));
            try (var server = HttpServer.builder().port(0).handler(api.handler(keys)).build().start()) {
                var http = AdminHttp.to(server.uri(), "0123456789abcdef");
                for (RouteTable.Route route : api.routes()) {
                    String path = route.template().replace("{client}", "DEV:GOV:1").replace("{id}",
                            "00000000-0000-0000-0000-000000000000").replaceAll("\\{[^}]+}", "x");
                    var answer = http.call(route.method(), path, route.method().equals("GET")
                            || route.method().equals("DELETE") ? null : "{}");
                    assertThat(answer.status()).as(route + ": " + answer.body()).isNotEqualTo(405).isLessThan(500);
                    assertThat(answer.body()).as(route.toString()).doesNotContain("no resource at");
                }
            }
        }
    }
}
