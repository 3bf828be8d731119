package org.sild.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.XRoadIds;
import org.sild.securityserver.admin.AdminClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code sild security-server}: manage a running security server through its admin API. Each
 * command is one or two API calls; identifiers are given in path form
 * ({@code DEV/GOV/70000001/registry}).
 */
@Command(name = "security-server", mixinStandardHelpOptions = true,
        description = "Run a security server (run), or manage a running one through its admin API.",
        subcommands = {SecurityServerCommand.Clients.class, SecurityServerCommand.Services.class,
            SecurityServerCommand.Access.class, SecurityServerCommand.Groups.class,
            SecurityServerDescriptionsCommand.class, SecurityServerPersonalDataCommand.class,
            SecurityServerCommand.Maintenance.class,
            SecurityServerKeysCommand.Identity.class,
            SecurityServerKeysCommand.Keys.class, SecurityServerKeysCommand.Register.class,
            SecurityServerKeysCommand.RegisterClient.class, SecurityServerKeysCommand.UnregisterClient.class,
            SecurityServerKeysCommand.Request.class,
            SecurityServerRunCommand.class})
final class SecurityServerCommand {

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL", defaultValue = "http://127.0.0.1:4100",
            description = "the admin API (default ${DEFAULT-VALUE})")
    URI url;

    @Option(names = "--api-key", scope = ScopeType.INHERIT, paramLabel = "KEY",
            defaultValue = "${env:SILD_ADMIN_API_KEY}", description = "the admin API key (default $SILD_ADMIN_API_KEY)")
    String apiKey;

    /** A command that calls the admin API: runs {@link #run} with a client and prints errors as "sild: ...". */
    abstract static class Call implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            SecurityServerCommand root = findRoot();
            PrintWriter out = spec.commandLine().getOut();
            if (root.apiKey == null || root.apiKey.isBlank()) {
                spec.commandLine().getErr().println("sild: give the admin API key with --api-key or SILD_ADMIN_API_KEY");
                return 2;
            }
            try (var client = new AdminClient(root.url, root.apiKey)) {
                run(client, out);
                return 0;
            } catch (XRoadException | UncheckedIOException e) {
                spec.commandLine().getErr().println("sild: " + e.getMessage());
                return 1;
            }
        }

        private SecurityServerCommand findRoot() {
            CommandSpec s = spec;
            while (!(s.userObject() instanceof SecurityServerCommand)) {
                s = s.parent();
            }
            return (SecurityServerCommand) s.userObject();
        }

        abstract void run(AdminClient client, PrintWriter out);
    }

    static String clientPath(String client) {
        ClientId id = XRoadIds.parseClientPath(client);
        return AdminClient.clientPath(id);
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

    @Command(name = "clients", description = "List and add hosted clients.",
            subcommands = {Clients.ListClients.class, Clients.Add.class})
    static final class Clients {

        @Command(name = "list", description = "List the clients: id, status, IS connection type.")
        static final class ListClients extends Call {
            @Override
            void run(AdminClient client, PrintWriter out) {
                client.get("/api/v1/clients").forEach(c -> out.println(c.get("id").asText() + "  "
                        + c.get("status").asText() + "  " + c.get("connectionType").asText()));
            }
        }

        @Command(name = "add", description = "Add a client (member or subsystem).")
        static final class Add extends Call {
            @Parameters(paramLabel = "CLIENT", description = "e.g. DEV/GOV/70000001/registry")
            String id;

            @Option(names = "--status", description = "default REGISTERED")
            String status;

            @Option(names = "--connection-type", description = "NOSSL, SSLNOAUTH or SSLAUTH (default SSLAUTH)")
            String connectionType;

            @Override
            void run(AdminClient client, PrintWriter out) {
                JsonNode c = client.post("/api/v1/clients", body("id", id, "status", status,
                        "connectionType", connectionType));
                out.println("added " + c.get("id").asText() + "  " + c.get("status").asText() + "  "
                        + c.get("connectionType").asText());
            }
        }
    }

    @Command(name = "services", description = "List, add, disable and enable services.",
            subcommands = {Services.ListServices.class, Services.Add.class, Services.Disable.class,
                Services.Enable.class})
    static final class Services {

        @Command(name = "list", description = "List a client's services: id, type, URL, timeout, state.")
        static final class ListServices extends Call {
            @Parameters(paramLabel = "CLIENT")
            String clientId;

            @Override
            void run(AdminClient client, PrintWriter out) {
                client.get(clientPath(clientId) + "/services").forEach(s -> out.println(s.get("id").asText() + "  "
                        + s.get("type").asText() + "  " + s.get("url").asText() + "  " + s.get("timeout").asInt() + "s"
                        + (s.get("disabled").asBoolean() ? "  disabled: " + s.path("disabledNotice").asText() : "")));
            }
        }

        @Command(name = "add", description = {"Register a service: a new service description with it, or",
            "with --description, one more service of an existing WSDL or OpenAPI description."})
        static final class Add extends Call {
            @Parameters(paramLabel = "CLIENT")
            String clientId;

            @Option(names = "--code", required = true, description = "service code")
            String code;

            @Option(names = "--version", description = "service version (not for REST)")
            String version;

            @Option(names = "--type", defaultValue = "REST", description = "WSDL, REST or OPENAPI3 (default REST)")
            String type;

            @Option(names = "--service-url", description = "the information system's URL for the service")
            String serviceUrl;

            @Option(names = "--description-url", description = "the description's URL (default --service-url)")
            String descriptionUrl;

            @Option(names = "--description", description = "add to this existing description (id)")
            String description;

            @Option(names = "--timeout", description = "seconds (default 60)")
            Integer timeout;

            @Option(names = "--no-verify-tls", description = "do not verify the information system's certificate")
            boolean noVerifyTls;

            @Override
            void run(AdminClient client, PrintWriter out) {
                var service = body("serviceCode", code, "serviceVersion", version, "url", serviceUrl,
                        "timeout", timeout, "verifyTls", noVerifyTls ? false : null);
                String documentUrl = descriptionUrl != null ? descriptionUrl : serviceUrl;
                JsonNode d = description != null
                        ? client.post("/api/v1/service-descriptions/" + description + "/services", service)
                        : client.post(clientPath(clientId) + "/service-descriptions",
                                body("type", type, "url", documentUrl, "services", List.of(service)));
                out.println("service description " + d.get("id").asText() + ": "
                        + d.get("services").findValuesAsText("id"));
            }
        }

        /** Finds the description of a service and turns it off or on. */
        abstract static class Toggle extends Call {
            @Parameters(index = "0", paramLabel = "CLIENT")
            String clientId;

            @Parameters(index = "1", paramLabel = "SERVICE_CODE")
            String code;

            @Option(names = "--version")
            String version;

            String descriptionOf(AdminClient client) {
                return client.get(clientPath(clientId) + "/services/" + XRoadIds.percentEncode(code)
                        + (version == null ? "" : "?version=" + XRoadIds.percentEncode(version)))
                        .get("serviceDescriptionId").asText();
            }
        }

        @Command(name = "disable", description = "Disable the service description the service belongs to.")
        static final class Disable extends Toggle {
            @Option(names = "--notice", defaultValue = "", description = "what callers are told")
            String notice;

            @Override
            void run(AdminClient client, PrintWriter out) {
                JsonNode d = client.put("/api/v1/service-descriptions/" + descriptionOf(client) + "/disable",
                        body("notice", notice));
                out.println("disabled " + d.get("services").findValuesAsText("id"));
            }
        }

        @Command(name = "enable", description = "Enable the service description the service belongs to.")
        static final class Enable extends Toggle {
            @Override
            void run(AdminClient client, PrintWriter out) {
                JsonNode d = client.put("/api/v1/service-descriptions/" + descriptionOf(client) + "/enable", body());
                out.println("enabled " + d.get("services").findValuesAsText("id"));
            }
        }
    }

    @Command(name = "access", description = "Grant, revoke and list access rights.",
            subcommands = {Access.ListRights.class, Access.Grant.class, Access.Revoke.class})
    static final class Access {

        @Command(name = "list", description = "List the access rights on a client's services.")
        static final class ListRights extends Call {
            @Parameters(paramLabel = "CLIENT")
            String clientId;

            @Option(names = "--service", description = "only this service code")
            String code;

            @Override
            void run(AdminClient client, PrintWriter out) {
                client.get(clientPath(clientId) + "/access-rights"
                        + (code == null ? "" : "?serviceCode=" + XRoadIds.percentEncode(code)))
                        .forEach(r -> out.println(r.get("serviceCode").asText() + "  " + r.get("method").asText() + " "
                                + r.get("path").asText() + "  " + r.get("subjectType").asText() + " "
                                + r.get("subject").asText()));
            }
        }

        /** The arguments of a grant or revocation. */
        abstract static class Right extends Call {
            @Parameters(index = "0", paramLabel = "CLIENT", description = "the service's owner")
            String clientId;

            @Parameters(index = "1", paramLabel = "SERVICE_CODE")
            String code;

            @Parameters(index = "2", paramLabel = "SUBJECT",
                    description = "member, subsystem, global group (INSTANCE/GROUP) or local group (GROUP)")
            String subject;

            @Option(names = "--method", defaultValue = "*", description = "HTTP method of the endpoint (default *)")
            String method;

            @Option(names = "--path", defaultValue = "**", description = "path of the endpoint (default **)")
            String path;

            Map<String, Object> right() {
                return body("subject", subject, "serviceCode", code, "method", method, "path", path);
            }
        }

        @Command(name = "grant", description = "Grant SUBJECT access to a service or one of its endpoints.")
        static final class Grant extends Right {
            @Override
            void run(AdminClient client, PrintWriter out) {
                JsonNode r = client.post(clientPath(clientId) + "/access-rights", right());
                out.println("granted " + r.get("subjectType").asText() + " " + r.get("subject").asText() + " "
                        + r.get("method").asText() + " " + r.get("path").asText() + " on " + code);
            }
        }

        @Command(name = "revoke", description = "Revoke an access right.")
        static final class Revoke extends Right {
            @Override
            void run(AdminClient client, PrintWriter out) {
                client.post(clientPath(clientId) + "/access-rights/delete", right());
                out.println("revoked " + subject + " " + method + " " + path + " on " + code);
            }
        }
    }

    @Command(name = "groups", description = "Manage a client's local groups.",
            subcommands = {Groups.ListGroups.class, Groups.Add.class, Groups.Delete.class, Groups.AddMembers.class,
                Groups.RemoveMembers.class})
    static final class Groups {

        /** A command on one client's groups. */
        abstract static class OnClient extends Call {
            @Parameters(index = "0", paramLabel = "CLIENT")
            String clientId;
        }

        @Command(name = "list", description = "List the client's local groups with their members.")
        static final class ListGroups extends OnClient {
            @Override
            void run(AdminClient client, PrintWriter out) {
                client.get(clientPath(clientId) + "/local-groups").forEach(g -> out.println(g.get("code").asText()
                        + "  " + g.get("members") + "  " + g.get("description").asText()));
            }
        }

        /** A command on one group, with members. */
        abstract static class OnGroup extends OnClient {
            @Parameters(index = "1", paramLabel = "CODE")
            String code;

            @Parameters(index = "2..*", paramLabel = "MEMBER", description = "members or subsystems")
            List<String> members = List.of();

            String groupPath() {
                return clientPath(clientId) + "/local-groups/" + XRoadIds.percentEncode(code);
            }
        }

        @Command(name = "add", description = "Add a local group, optionally with members.")
        static final class Add extends OnGroup {
            @Option(names = "--description", defaultValue = "")
            String description;

            @Override
            void run(AdminClient client, PrintWriter out) {
                JsonNode g = client.post(clientPath(clientId) + "/local-groups",
                        body("code", code, "description", description, "members", members));
                out.println("added group " + g.get("code").asText() + " " + g.get("members"));
            }
        }

        @Command(name = "delete", description = "Delete a local group and the access rights granted to it.")
        static final class Delete extends OnGroup {
            @Override
            void run(AdminClient client, PrintWriter out) {
                client.delete(groupPath());
                out.println("deleted group " + code);
            }
        }

        @Command(name = "add-members", description = "Add members to a local group.")
        static final class AddMembers extends OnGroup {
            @Override
            void run(AdminClient client, PrintWriter out) {
                out.println(code + " " + client.post(groupPath() + "/members", body("members", members)).get("members"));
            }
        }

        @Command(name = "remove-members", description = "Remove members from a local group.")
        static final class RemoveMembers extends OnGroup {
            @Override
            void run(AdminClient client, PrintWriter out) {
                out.println(code + " " + client.post(groupPath() + "/members/delete", body("members", members))
                        .get("members"));
            }
        }
    }

    @Command(name = "maintenance", description = "Turn maintenance mode on or off.",
            subcommands = {Maintenance.On.class, Maintenance.Off.class})
    static final class Maintenance {

        @Command(name = "on", description = "Turn maintenance mode on, with MESSAGE for callers (recorded; see docs).")
        static final class On extends Call {
            @Option(names = "--message", defaultValue = "")
            String message;

            @Override
            void run(AdminClient client, PrintWriter out) {
                client.put("/api/v1/maintenance", body("enabled", true, "message", message));
                out.println("maintenance mode on");
            }
        }

        @Command(name = "off", description = "Turn maintenance mode off.")
        static final class Off extends Call {
            @Override
            void run(AdminClient client, PrintWriter out) {
                client.put("/api/v1/maintenance", body("enabled", false));
                out.println("maintenance mode off");
            }
        }
    }
}
