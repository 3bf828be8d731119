package org.sild.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.cli.AdminApiFixture.ok;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.pki.CertificationRequest;
import org.sild.core.pki.Pem;
import org.sild.securityserver.serverconf.ServerConfStore;

/** {@code sild security-server} against a real admin API on port 0. */
class SecurityServerCommandTest {

    static AdminApiFixture admin;
    static ServerConfStore conf;

    @BeforeAll
    static void start(@TempDir Path dir) {
        admin = AdminApiFixture.start(dir);
        conf = admin.conf();
    }

    @AfterAll
    static void stop() {
        admin.close();
    }

    static CliRunner ss(String... args) {
        return admin.run(args);
    }

    @Test
    void clientsServicesAndAccess() {
        String registry = "DEV/GOV/70000001/registry";
        ok(ss("clients", "add", registry, "--connection-type", "NOSSL"), "added " + registry + "  REGISTERED  NOSSL");
        ok(ss("clients", "list"), registry + "  REGISTERED  NOSSL");
        ok(ss("services", "add", registry, "--code", "persons", "--service-url", "http://127.0.0.1:9001/api", "--timeout",
                "20"), "[" + registry + "/persons]");
        ok(ss("services", "add", registry, "--type", "WSDL", "--description-url", "http://127.0.0.1:9002/wsdl",
                "--service-url", "http://127.0.0.1:9002/soap", "--code", "getRandom", "--version", "v1",
                "--no-verify-tls"), registry + "/getRandom/v1");
        ok(ss("services", "list", registry), registry + "/persons  REST  http://127.0.0.1:9001/api  20s",
                registry + "/getRandom/v1  WSDL");
        ok(ss("services", "disable", registry, "persons", "--notice", "upgrading"), "disabled");
        ok(ss("services", "list", registry), "disabled: upgrading");
        assertThat(conf.serviceDescriptions().services(org.sild.core.id.XRoadIds.parseClientPath(registry)))
                .filteredOn(s -> s.isDisabled()).hasSize(1);
        ok(ss("services", "enable", registry, "persons"), "enabled");
        ok(ss("services", "enable", registry, "getRandom", "--version", "v1"), "enabled");

        ok(ss("access", "grant", registry, "persons", "DEV/GOV/70000003/portal"),
                "granted SUBSYSTEM DEV/GOV/70000003/portal * ** on persons");
        ok(ss("access", "grant", registry, "getRandom", "DEV/COM/10000001"), "granted MEMBER");
        ok(ss("access", "list", registry, "--service", "persons"), "persons  * **  SUBSYSTEM DEV/GOV/70000003/portal");
        ok(ss("access", "revoke", registry, "persons", "DEV/GOV/70000003/portal"), "revoked");
        var list = ss("access", "list", registry);
        assertThat(list.out()).doesNotContain("portal").contains("getRandom");

        ok(ss("groups", "add", registry, "friends", "DEV/COM/10000001/pos", "--description", "Friends"),
                "added group friends [\"DEV/COM/10000001/pos\"]");
        ok(ss("groups", "add-members", registry, "friends", "DEV/COM/10000002"), "DEV/COM/10000002");
        ok(ss("access", "grant", registry, "getRandom", "friends"), "granted LOCALGROUP friends");
        ok(ss("groups", "remove-members", registry, "friends", "DEV/COM/10000001/pos"), "friends [\"DEV/COM/10000002\"]");
        ok(ss("groups", "list", registry), "friends  [\"DEV/COM/10000002\"]  Friends");
        ok(ss("groups", "delete", registry, "friends"), "deleted group friends");
        assertThat(ss("groups", "list", registry).out()).isEmpty();
    }

    @Test
    void maintenance() {
        ok(ss("maintenance", "on", "--message", "back soon"), "maintenance mode on");
        assertThat(conf.maintenance()).contains("back soon");
        ok(ss("maintenance", "off"), "maintenance mode off");
        assertThat(conf.maintenance()).isEqualTo(Optional.empty());
    }

    @Test
    void optionsMayFollowTheCommand() {
        var run = CliRunner.run("security-server", "maintenance", "off", "--url", admin.uri().toString(),
                "--api-key", AdminApiFixture.KEY);
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void errorsAreReported() {
        var wrongKey = CliRunner.run("security-server", "--url=" + admin.uri(), "--api-key=nope", "clients", "list");
        assertThat(wrongKey.exitCode()).isEqualTo(1);
        assertThat(wrongKey.err()).contains("sild: a valid API key is required");

        var noKey = CliRunner.run("security-server", "--url=" + admin.uri(), "--api-key=", "clients", "list");
        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(noKey.err()).contains("--api-key");

        var unknown = ss("services", "list", "DEV/GOV/1/none");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("not hosted here");
        var badId = ss("clients", "add", "DEV/GOV");
        assertThat(badId.exitCode()).isEqualTo(1);
        assertThat(badId.err()).contains("field id");
        var badUrl = ss("services", "add", "DEV/GOV/1/none", "--code", "x", "--service-url", "ftp://x");
        assertThat(badUrl.exitCode()).isEqualTo(1);

        var down = CliRunner.run("security-server", "--url=http://127.0.0.1:1", "--api-key=k", "clients", "list");
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.err()).contains("cannot reach the admin API");
    }

    @Test
    void identityKeysAndCertificationRequests(@TempDir Path dir) throws Exception {
        assertThat(ss("identity", "set", "DEV/GOV/70000001", "ss9").out()).contains("DEV/GOV/70000001/ss9");
        assertThat(ss("identity", "show").out().strip()).isEqualTo("DEV/GOV/70000001/ss9");

        CliRunner generated = ss("keys", "generate", "--purpose", "SIGNING", "--member", "DEV/GOV/70000001");
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        assertThat(generated.out()).contains("SIGNING  DEV/GOV/70000001  no certificate");
        String keyId = generated.out().split(" ")[0];

        Path csr = dir.resolve("sign.csr");
        assertThat(ss("keys", "csr", keyId, "--out", csr.toString()).out()).contains("C=DEV,O=GOV,CN=70000001");
        var request = CertificationRequest.parse(Pem.readCertificationRequest(Files.readString(csr)));
        assertThat(request.subject().getName()).isEqualTo("C=DEV,O=GOV,CN=70000001");
        assertThat(ss("keys", "list").out()).contains(keyId);

        CliRunner unknown = ss("keys", "import", dir.resolve("missing.pem").toString());
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("cannot read");

        assertThat(ss("keys", "delete", keyId).out()).contains("deleted key " + keyId);
        assertThat(ss("keys", "list").out()).doesNotContain(keyId);
    }
}
