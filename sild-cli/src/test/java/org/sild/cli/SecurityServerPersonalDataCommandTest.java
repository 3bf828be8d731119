package org.sild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.id.XRoadIds;
import org.sild.runtime.admin.ApiKey;
import org.sild.runtime.http.HttpServer;
import org.sild.runtime.store.Store;
import org.sild.runtime.store.StoreConfig;
import org.sild.securityserver.admin.AdminApi;
import org.sild.securityserver.datatracker.Declarations;
import org.sild.securityserver.description.HttpDocumentSource;
import org.sild.securityserver.serverconf.Endpoint;
import org.sild.securityserver.serverconf.LocalClient;
import org.sild.securityserver.serverconf.LocalService.ServiceType;
import org.sild.securityserver.serverconf.ServerConfStore;
import org.sild.securityserver.serverconf.ServiceSpec;
import org.sild.securityserver.signer.SoftwareToken;
import org.sild.testing.TestDatabase;
import org.sild.testing.TestDatabases;

/** {@code sild security-server personal-data} against a real admin API. */
class SecurityServerPersonalDataCommandTest {

    static final String KEY = "cli-test-key-0123456789";
    static final String CLIENT = "DEV/GOV/70000002/prescriptions";
    static TestDatabase db;
    static Store store;
    static HttpServer server;
    static SoftwareToken token;

    @BeforeAll
    static void start(@TempDir Path dir) {
        token = SoftwareToken.open(dir.resolve("token"), "pin-1234".toCharArray(), new SecureRandom(), Clock.systemUTC());
        db = TestDatabases.H2.open();
        store = Store.builder().config(StoreConfig.of(db.url(), db.user(), db.password()))
                .migrations("db/securityserver").open();
        var conf = new ServerConfStore(store, Clock.systemUTC());
        var client = XRoadIds.parseClientPath(CLIENT);
        conf.clients().add(client, LocalClient.Status.REGISTERED, LocalClient.ConnectionType.NOSSL);
        conf.serviceDescriptions().add(client, ServiceType.REST, URI.create("http://is/api"),
                List.of(ServiceSpec.of("eprescription")));
        conf.endpoints().add(client, new Endpoint("eprescription", "POST", "/prescriptions/{id}/dispense"));
        conf.serviceDescriptions().add(client, ServiceType.WSDL, URI.create("http://is/wsdl"),
                List.of(ServiceSpec.of("getPerson")));
        var api = new AdminApi(conf, token, Optional.empty(), HttpDocumentSource.standard(),
                Optional.of(new Declarations(store, conf, Clock.systemUTC())));
        server = HttpServer.builder().port(0).handler(api.handler(List.of(new ApiKey("cli", KEY)))).build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
        token.close();
        store.close();
        db.close();
    }

    static CliRunner ss(String... args) {
        var all = new String[args.length + 3];
        all[0] = "security-server";
        all[1] = "--url=" + server.uri();
        all[2] = "--api-key=" + KEY;
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRunner.run(all);
    }

    static String ok(CliRunner run, String... expected) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(expected);
        return run.out();
    }

    @Test
    void declareListRemove() {
        ok(ss("personal-data", "declare", CLIENT, "eprescription", "--endpoint", "POST /prescriptions/{id}/dispense",
                "--locator", "response-json-pointer=/patient", "--prefix", "EE", "--processing-type", "update",
                "--purpose", "dispensing"),
                "eprescription POST /prescriptions/{id}/dispense  response-json-pointer /patient  prefix EE  update"
                        + "  purpose: dispensing");
        ok(ss("personal-data", "declare", CLIENT, "getPerson", "--locator", "xpath=p:getPerson/p:code",
                "--namespace", "p=urn:persons", "--legal-basis", "Population Register Act"),
                "getPerson  xpath p:getPerson/p:code {\"p\":\"urn:persons\"}  read  legal basis: Population Register Act");
        ok(ss("personal-data", "list", CLIENT), "eprescription POST", "getPerson  xpath");
        ok(ss("personal-data", "remove", CLIENT, "getPerson"), "removed");
        String listed = ok(ss("personal-data", "list", CLIENT), "eprescription");
        assertThat(listed).doesNotContain("getPerson");
    }

    @Test
    void aRefusedDeclarationNamesTheProblem() {
        var bad = ss("personal-data", "declare", CLIENT, "eprescription", "--locator", "cookie=x");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("unknown locator kind 'cookie'");
        var missing = ss("personal-data", "remove", CLIENT, "eprescription", "--endpoint", "GET /nothing");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no declaration for eprescription GET /nothing");
    }
}
