package org.sild.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.XRoadIds;
import org.sild.runtime.http.ApiException;
import org.sild.runtime.json.Json;
import org.sild.securityserver.admin.AdminClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code sild central-server}: run a central server, or manage a running one through its admin
 * API. Each command is one API call; identifiers are given in path form ({@code DEV/GOV/70000001},
 * {@code DEV/GOV/70000001/registry}, servers {@code DEV/GOV/70000001/ss1}).
 */
@Command(name = "central-server", mixinStandardHelpOptions = true,
        description = "Run a central server (run), or manage a running one through its admin API.",
        subcommands = {CentralServerRunCommand.class, CentralServerRegistryCommands.MemberClasses.class,
            CentralServerRegistryCommands.Members.class, CentralServerRegistryCommands.Groups.class,
            CentralServerCommand.Servers.class, CentralServerRegistryCommands.Cas.class,
            CentralServerRegistryCommands.Tsas.class, CentralServerRegistryCommands.TrustedAnchors.class,
            CentralServerCommand.Settings.class, CentralServerCommand.Keys.class, CentralServerCommand.Requests.class,
            CentralServerCommand.Anchor.class, CentralServerCommand.Audit.class})
final class CentralServerCommand {

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL", defaultValue = "http://127.0.0.1:4000",
            description = "the admin API (default ${DEFAULT-VALUE})")
    URI url;

    @Option(names = "--api-key", scope = ScopeType.INHERIT, paramLabel = "KEY",
            defaultValue = "${env:SILD_ADMIN_API_KEY}", description = "the admin API key (default $SILD_ADMIN_API_KEY)")
    String apiKey;

    /** A command that calls the admin API: runs {@link #run} with a client and prints errors as "sild: ...". */
    abstract static class Call implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        CentralServerCommand root;

        @Override
        public Integer call() {
            root = findRoot();
            PrintWriter out = spec.commandLine().getOut();
            if (root.apiKey == null || root.apiKey.isBlank()) {
                spec.commandLine().getErr().println("sild: give the admin API key with --api-key or SILD_ADMIN_API_KEY");
                return 2;
            }
            try (var client = new AdminClient(root.url, root.apiKey)) {
                run(client, out);
                return 0;
            } catch (XRoadException e) {
                spec.commandLine().getErr().println("sild: " + e.getMessage());
                return 1;
            }
        }

        private CentralServerCommand findRoot() {
            CommandSpec s = spec;
            while (!(s.userObject() instanceof CentralServerCommand)) {
                s = s.parent();
            }
            return (CentralServerCommand) s.userObject();
        }

        abstract void run(AdminClient client, PrintWriter out);

        /** A call with a non-JSON body or answer (anchor files): the body as bytes. */
        byte[] raw(String method, String path, byte[] body) {
            var request = HttpRequest.newBuilder(root.url.resolve(path)).timeout(AdminClient.TIMEOUT)
                    .header("Authorization", "X-Road-ApiKey token=" + root.apiKey);
            request = body.length > 0 ? request.header("Content-Type", "application/xml")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                    : request.method(method, HttpRequest.BodyPublishers.noBody());
            try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() >= 400) {
                    JsonNode error = Json.mapper().readTree(response.body()).path("error");
                    throw new ApiException(response.statusCode(), error.path("code").asText("http_"
                            + response.statusCode()), error.path("message").asText("HTTP " + response.statusCode()));
                }
                return response.body();
            } catch (IOException e) {
                throw new XRoadException(ErrorCode.NETWORK_ERROR, "cannot reach the admin API at " + root.url + ": "
                        + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new XRoadException(ErrorCode.NETWORK_ERROR, "interrupted calling " + root.url);
            }
        }
    }

    /** The colon form of a path-form identifier, for URLs: {@code DEV/GOV/1/ss1} becomes {@code DEV:GOV:1:ss1}. */
    static String colon(String pathForm) {
        return String.join(":", List.of(pathForm.split("/", -1)).stream()
                .map(p -> XRoadIds.percentEncode(XRoadIds.percentDecode(p))).toList());
    }

    static Map<String, Object> body(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }

    @Command(name = "servers", description = "List and show security servers.",
            subcommands = {Servers.ListServers.class, Servers.Show.class})
    static final class Servers {

        @Command(name = "list", description = "List the security servers: id, address, clients, certificates.")
        static final class ListServers extends Call {
            @Override
            void run(AdminClient client, PrintWriter out) {
                client.get("/api/v1/security-servers").forEach(s -> out.println(s.get("id").asText() + "  "
                        + s.path("address").asText("-") + "  clients " + s.get("clients").size() + "  auth certs "
                        + s.get("authCerts").size() + (s.get("inMaintenance").asBoolean() ? "  in maintenance" : "")));
            }
        }

        @Command(name = "show", description = "Show one security server with its clients and certificates.")
        static final class Show extends Call {
            @Parameters(paramLabel = "SERVER", description = "e.g. DEV/GOV/70000001/ss1")
            String server;

            @Override
            void run(AdminClient client, PrintWriter out) {
                JsonNode s = client.get("/api/v1/security-servers/" + colon(server));
                out.println(s.get("id").asText() + "  " + s.path("address").asText("-"));
                s.get("clients").forEach(c -> out.println("  client " + c.get("id").asText()
                        + (c.get("enabled").asBoolean() ? "" : "  disabled")));
                s.get("authCerts").forEach(c -> out.println("  auth cert " + c.get("sha256").asText() + "  "
                        + c.get("subject").asText()));
            }
        }
    }

    @Command(name = "settings", description = "Show and change the global settings.",
            subcommands = {Settings.Get.class, Settings.Set.class})
    static final class Settings {

        @Command(name = "get", description = "Show the global settings, one NAME=VALUE a line.")
        static final class Get extends Call {
            @Override
            void run(AdminClient client, PrintWriter out) {
                client.get("/api/v1/settings").properties().forEach(e -> out.println(e.getKey() + "="
                        + (e.getValue().isObject() ? e.getValue().path("sha256").asText() : e.getValue().asText())));
            }
        }

        @Command(name = "set", description = {"Change settings: NAME=VALUE ...; names as 'settings get' shows them,",
            "e.g. managementServiceProvider=DEV/GOV/70000001/management autoApproveClientReg=true"})
        static final class Set extends Call {
            @Parameters(paramLabel = "NAME=VALUE", arity = "1..*")
            List<String> assignments;

            @Override
            void run(AdminClient client, PrintWriter out) {
                var change = new LinkedHashMap<String, Object>();
                for (String a : assignments) {
                    int eq = a.indexOf('=');
                    if (eq <= 0) {
                        throw new ApiException(400, "invalid_value", "'" + a + "' is not NAME=VALUE");
                    }
                    String value = a.substring(eq + 1);
                    change.put(a.substring(0, eq), value.matches("-?\\d{1,9}") ? Integer.valueOf(value)
                            : value.equals("true") || value.equals("false") ? Boolean.valueOf(value) : value);
                }
                client.patch("/api/v1/settings", change);
                out.println("settings changed: " + String.join(", ", change.keySet()));
            }
        }
    }

    @Command(name = "keys", description = "List, generate, activate and delete configuration signing keys.",
            subcommands = {Keys.ListKeys.class, Keys.Generate.class, Keys.Activate.class, Keys.Delete.class})
    static final class Keys {

        @Command(name = "list", description = "List the signing keys: id, kind, state.")
        static final class ListKeys extends Call {
            @Override
            void run(AdminClient client, PrintWriter out) {
                client.get("/api/v1/signing-keys").forEach(k -> out.println(k.get("keyId").asText() + "  "
                        + k.get("kind").asText() + "  " + k.get("state").asText()));
            }
        }

        @Command(name = "generate", description = "Generate a key: announced (active when the kind has none).")
        static final class Generate extends Call {
            @Parameters(paramLabel = "KIND", description = "internal or external")
            String kind;

            @Override
            void run(AdminClient client, PrintWriter out) {
                JsonNode k = client.post("/api/v1/signing-keys", body("kind", kind));
                out.println("generated " + k.get("keyId").asText() + "  " + k.get("kind").asText() + "  "
                        + k.get("state").asText());
            }
        }

        @Command(name = "activate", description = "Sign with an announced key from now on; the old key becomes inactive.")
        static final class Activate extends Call {
            @Parameters(paramLabel = "KEY_ID")
            String keyId;

            @Override
            void run(AdminClient client, PrintWriter out) {
                JsonNode k = client.post("/api/v1/signing-keys/" + keyId + "/activate", Map.of());
                out.println("activated " + k.get("keyId").asText() + "  " + k.get("kind").asText());
            }
        }

        @Command(name = "delete", description = "Delete a key that is not active.")
        static final class Delete extends Call {
            @Parameters(paramLabel = "KEY_ID")
            String keyId;

            @Override
            void run(AdminClient client, PrintWriter out) {
                client.delete("/api/v1/signing-keys/" + keyId);
                out.println("deleted " + keyId);
            }
        }
    }

    @Command(name = "requests", description = "List, approve and reject management requests.",
            subcommands = {Requests.ListRequests.class, Requests.Approve.class, Requests.Reject.class})
    static final class Requests {

        @Command(name = "list", description = "List management requests, newest first: id, type, state, server.")
        static final class ListRequests extends Call {
            @Option(names = "--state", description = "SUBMITTED, APPROVED, REJECTED or REVOKED")
            String state;

            @Override
            void run(AdminClient client, PrintWriter out) {
                client.get("/api/v1/management-requests" + (state == null ? "" : "?state=" + state)).forEach(r ->
                        out.println(r.get("id").asText() + "  " + r.get("type").asText() + "  " + r.get("state").asText()
                                + "  " + r.get("server").asText() + (r.has("client") ? "  " + r.get("client").asText()
                                : "")));
            }
        }

        @Command(name = "approve", description = "Approve a submitted request: its change takes effect.")
        static final class Approve extends Call {
            @Parameters(paramLabel = "ID")
            long id;

            @Override
            void run(AdminClient client, PrintWriter out) {
                JsonNode r = client.post("/api/v1/management-requests/" + id + "/approve", Map.of());
                out.println(r.get("id").asText() + "  " + r.get("type").asText() + "  " + r.get("state").asText());
            }
        }

        @Command(name = "reject", description = "Reject a submitted request.")
        static final class Reject extends Call {
            @Parameters(paramLabel = "ID")
            long id;

            @Override
            void run(AdminClient client, PrintWriter out) {
                JsonNode r = client.post("/api/v1/management-requests/" + id + "/reject", Map.of());
                out.println(r.get("id").asText() + "  " + r.get("type").asText() + "  " + r.get("state").asText());
            }
        }
    }

    @Command(name = "anchor", description = "Download configuration anchors.", subcommands = Anchor.Download.class)
    static final class Anchor {

        @Command(name = "download", description = "Download the internal (or external) anchor to a file or stdout.")
        static final class Download extends Call {
            @Option(names = "--external", description = "the anchor federated instances import")
            boolean external;

            @Option(names = "--out", paramLabel = "FILE", description = "write here (default: print)")
            Path outFile;

            @Override
            void run(AdminClient client, PrintWriter out) {
                byte[] xml = raw("GET", "/api/v1/anchors/" + (external ? "external" : "internal"), new byte[0]);
                if (outFile == null) {
                    out.println(new String(xml, StandardCharsets.UTF_8));
                    return;
                }
                try {
                    Files.write(outFile, xml);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + outFile, e);
                }
                out.println("wrote " + outFile);
            }
        }
    }

    @Command(name = "audit", description = "Show the audit log, newest first: time, actor, action, object, details.")
    static final class Audit extends Call {
        @Option(names = "--limit", defaultValue = "50", description = "entries (default ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--actor", description = "only this actor's entries")
        String actor;

        @Option(names = "--action", description = "only this action, e.g. member.add")
        String action;

        @Override
        void run(AdminClient client, PrintWriter out) {
            String query = "?limit=" + limit + (actor == null ? "" : "&actor=" + XRoadIds.percentEncode(actor))
                    + (action == null ? "" : "&action=" + XRoadIds.percentEncode(action));
            client.get("/api/v1/audit" + query).forEach(e -> out.println(e.get("at").asText() + "  "
                    + e.get("actor").asText() + "  " + e.get("action").asText() + "  " + e.get("target").asText()
                    + "  " + e.get("details")));
        }
    }
}
