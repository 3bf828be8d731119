package org.sild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.centralserver.CentralServer;
import org.sild.centralserver.CentralServerConfig;
import org.sild.centralserver.globalconf.KeyAlgorithm;
import org.sild.core.management.ManagementRequest;
import org.sild.core.globalconf.ConfigurationAnchor;
import org.sild.core.globalconf.ConfigurationSource;
import org.sild.core.globalconf.EncodedCertificate;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.pki.Pem;
import org.sild.runtime.admin.ApiKey;
import org.sild.runtime.store.StoreConfig;
import org.sild.testing.TestDatabase;
import org.sild.testing.TestDatabases;
import org.sild.testing.TestPki;

/** {@code sild central-server} against a real central server on free ports. */
class CentralServerCommandTest {

    static final String KEY = "cli-central-key-0123456789";
    static final TestPki PKI = TestPki.builder().name("Sild CLI CS").build();
    static TestDatabase db;
    static Path data;
    static CentralServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabases.H2.open();
        data = Files.createTempDirectory("sild-cli-cs-");
        var config = CentralServerConfig.of("DEV", data, "pin").withPorts(0, 0).withManagementPorts(0, 0)
                .withAdminApiKeys(List.of(new ApiKey("cli", KEY)))
                .withStore(StoreConfig.of(db.url(), db.user(), db.password()));
        config = config.with(new CentralServerConfig.SigningKeys("pin", KeyAlgorithm.EC, Path.of("keys")),
                config.globalConfiguration());
        server = CentralServer.start(config, Clock.systemUTC(), new SecureRandom());
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    static CliRunner cs(String... args) {
        var all = new String[args.length + 3];
        all[0] = "central-server";
        all[1] = "--url=" + server.adminUri();
        all[2] = "--api-key=" + KEY;
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRunner.run(all);
    }

    static void ok(CliRunner run, String... expected) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(expected);
    }

    @Test
    void managesTheRegistryTrustPolicyKeysAndRequests() throws Exception {
        ok(cs("member-classes", "add", "GOV", "Governmental organisations"), "added member class GOV");
        ok(cs("member-classes", "list"), "GOV  Governmental organisations");
        ok(cs("members", "add", "DEV/GOV/70000001", "Population Registry"), "added DEV/GOV/70000001  Population Registry");
        ok(cs("members", "add-subsystem", "DEV/GOV/70000001", "management", "--name", "Management"),
                "added DEV/GOV/70000001/management");
        ok(cs("members", "list"), "DEV/GOV/70000001  Population Registry  [management]");
        ok(cs("settings", "set", "managementServiceProvider=DEV/GOV/70000001/management", "ocspFreshnessSeconds=1800",
                "autoApproveClientReg=true"), "settings changed: managementServiceProvider, ocspFreshnessSeconds");
        ok(cs("settings", "get"), "ocspFreshnessSeconds=1800", "managementServiceProvider=DEV/GOV/70000001/management",
                "autoApproveClientReg=true");

        ok(cs("groups", "add", "agencies", "State agencies"), "added global group agencies");
        ok(cs("groups", "add-member", "agencies", "DEV/GOV/70000001/management"), "added");
        ok(cs("groups", "list"), "agencies  State agencies  [DEV/GOV/70000001/management]");
        ok(cs("groups", "remove-member", "agencies", "DEV/GOV/70000001/management"), "removed");
        ok(cs("groups", "delete", "agencies"), "deleted global group agencies");

        Path root = write("root.pem", Pem.writeCertificate(PKI.root().certificate()));
        Path intermediate = write("intermediate.der", PKI.intermediate().certificate().getEncoded());
        ok(cs("cas", "add", "--certificate", root.toString(), "--intermediate", intermediate.toString(),
                "--intermediate-ocsp", "http://127.0.0.1:8888/ocsp"), "approved CA 1  Sild CLI CS Root CA");
        ok(cs("cas", "list"), "1  Sild CLI CS Root CA  ee.ria.xroad", "intermediate CAs 1");
        Path tsa = write("tsa.pem", Pem.writeCertificate(PKI.tsa().certificate()));
        ok(cs("tsas", "add", "--tsa-url", "http://127.0.0.1:8899/tsa", "--certificate", tsa.toString()),
                "approved TSA 1  Sild CLI CS TSA");
        ok(cs("tsas", "list"), "http://127.0.0.1:8899/tsa");

        Path anchor = dir.resolve("anchor.xml");
        ok(cs("anchor", "download", "--out", anchor.toString()), "wrote " + anchor);
        assertThat(ConfigurationAnchor.parse(Files.readAllBytes(anchor)).instanceIdentifier()).isEqualTo("DEV");
        ok(cs("anchor", "download", "--external"), "/externalconf");

        String keys = cs("keys", "list").out();
        String oldKey = keys.lines().filter(l -> l.contains("INTERNAL")).findFirst().orElseThrow().split(" ")[0];
        CliRunner generated = cs("keys", "generate", "internal");
        ok(generated, "INTERNAL  ANNOUNCED");
        String newKey = generated.out().split(" ")[1];
        ok(cs("keys", "activate", newKey), "activated " + newKey);
        ok(cs("keys", "delete", oldKey), "deleted " + oldKey);
        ok(cs("keys", "list"), newKey + "  INTERNAL  ACTIVE");

        Path fed = write("fed.xml", new ConfigurationAnchor(Optional.empty(), "FED", List.of(new ConfigurationSource(
                "http://fed.example/externalconf", List.of(EncodedCertificate.of(PKI.tsa().certificate()))))).toXml());
        ok(cs("trusted-anchors", "add", fed.toString()), "trusted FED");
        ok(cs("trusted-anchors", "list"), "FED", "[http://fed.example/externalconf]");
        ok(cs("trusted-anchors", "delete", "FED"), "deleted trusted anchor of FED");

        var ss1 = new SecurityServerId(new MemberId("DEV", "GOV", "70000001"), "ss1");
        var authCert = PKI.issue(PKI.authSpec(new X500Principal("CN=ss1")).build()).certificate();
        long reg = server.registry().managementRequests().submit(new ManagementRequest.AuthCertReg(ss1,
                "ss1.example.org", authCert), "test");
        ok(cs("requests", "list", "--state", "SUBMITTED"), reg + "  authCertReg  SUBMITTED  DEV/GOV/70000001/ss1");
        ok(cs("requests", "approve", String.valueOf(reg)), reg + "  authCertReg  APPROVED");
        long client = server.registry().managementRequests().submit(new ManagementRequest.ClientReg(ss1,
                new MemberId("DEV", "GOV", "70000001").subsystem("registry"), Optional.empty()), "test");
        ok(cs("requests", "list"), client + "  clientReg  APPROVED  DEV/GOV/70000001/ss1  DEV/GOV/70000001/registry");
        long owner = server.registry().managementRequests().submit(new ManagementRequest.ClientReg(ss1,
                new MemberId("DEV", "GOV", "70000001").subsystem("other"), Optional.empty()), "test");
        ok(cs("settings", "set", "autoApproveClientReg=false"), "settings changed");
        long manual = server.registry().managementRequests().submit(new ManagementRequest.ClientReg(ss1,
                new MemberId("DEV", "GOV", "70000001").subsystem("third"), Optional.empty()), "test");
        ok(cs("requests", "reject", String.valueOf(manual)), manual + "  clientReg  REJECTED");
        assertThat(owner).isPositive();
        ok(cs("servers", "list"), "DEV/GOV/70000001/ss1  ss1.example.org  clients 2  auth certs 1");
        ok(cs("servers", "show", "DEV/GOV/70000001/ss1"), "client DEV/GOV/70000001/registry", "auth cert ");

        ok(cs("audit", "--actor", "cli", "--limit", "500"), "cli  member.add  MEMBER:DEV/GOV/70000001",
                "cli  management-request.reject");
    }

    @Test
    void refusalsAndMissingKeysAreReported() {
        CliRunner conflict = cs("members", "delete", "DEV/GOV/70000001");
        assertThat(conflict.exitCode()).isEqualTo(1);
        assertThat(conflict.err()).startsWith("sild: ");
        CliRunner noKey = CliRunner.run("central-server", "--url=" + server.adminUri(), "--api-key=", "members", "list");
        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(noKey.err()).contains("--api-key or SILD_ADMIN_API_KEY");
        CliRunner badKey = CliRunner.run("central-server", "--url=" + server.adminUri(), "--api-key=wrong-key-0123456789",
                "members", "list");
        assertThat(badKey.exitCode()).isEqualTo(1);
        assertThat(badKey.err()).contains("API key");
        CliRunner badConfig = CliRunner.run("central-server", "run", "--config", dir.resolve("missing.yaml").toString());
        assertThat(badConfig.exitCode()).isEqualTo(2);
        assertThat(badConfig.err()).contains("does not exist");
    }

    private Path write(String name, Object content) throws Exception {
        Path file = dir.resolve(name);
        if (content instanceof byte[] bytes) {
            Files.write(file, bytes);
        } else {
            Files.writeString(file, (String) content);
        }
        return file;
    }
}
