package org.sild.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.cli.AdminApiFixture.ok;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.id.XRoadIds;
import org.sild.securityserver.admin.AdminApi;
import org.sild.securityserver.datatracker.Declarations;
import org.sild.securityserver.description.HttpDocumentSource;
import org.sild.securityserver.serverconf.Endpoint;
import org.sild.securityserver.serverconf.LocalClient;
import org.sild.securityserver.serverconf.LocalService.ServiceType;
import org.sild.securityserver.serverconf.ServiceSpec;

/** {@code sild security-server personal-data} against a real admin API. */
class SecurityServerPersonalDataCommandTest {

    static final String CLIENT = "DEV/GOV/70000002/prescriptions";
    static AdminApiFixture admin;

    @BeforeAll
    static void start(@TempDir Path dir) {
        var client = XRoadIds.parseClientPath(CLIENT);
        admin = AdminApiFixture.start(dir, (store, conf, token) -> {
            conf.clients().add(client, LocalClient.Status.REGISTERED, LocalClient.ConnectionType.NOSSL);
            conf.serviceDescriptions().add(client, ServiceType.REST, URI.create("http://is/api"),
                    List.of(ServiceSpec.of("eprescription")));
            conf.endpoints().add(client, new Endpoint("eprescription", "POST", "/prescriptions/{id}/dispense"));
            conf.serviceDescriptions().add(client, ServiceType.WSDL, URI.create("http://is/wsdl"),
                    List.of(ServiceSpec.of("getPerson")));
            return new AdminApi(conf, token, Optional.empty(), HttpDocumentSource.standard(),
                    Optional.of(new Declarations(store, conf, Clock.systemUTC())));
        });
    }

    @AfterAll
    static void stop() {
        admin.close();
    }

    static CliRunner ss(String... args) {
        return admin.run(args);
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
