package org.sild.cli;

import static org.sild.securityserver.admin.AdminApi.V1;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.sild.securityserver.admin.AdminClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sild security-server descriptions}: service descriptions as a whole — register a WSDL or an
 * OpenAPI document by URL (its services are read from it), or a REST base URL; refresh, disable,
 * enable and list them. A refused document prints the validation report.
 */
@Command(name = "descriptions", description = "Add, refresh, disable, enable and list service descriptions.",
        subcommands = {SecurityServerDescriptionsCommand.ListDescriptions.class,
            SecurityServerDescriptionsCommand.Add.class, SecurityServerDescriptionsCommand.Refresh.class,
            SecurityServerDescriptionsCommand.Disable.class, SecurityServerDescriptionsCommand.Enable.class})
final class SecurityServerDescriptionsCommand {

    private SecurityServerDescriptionsCommand() {
    }

    static void print(PrintWriter out, JsonNode d) {
        out.println(d.get("id").asText() + "  " + d.get("type").asText() + "  " + d.get("url").asText()
                + (d.get("disabled").asBoolean() ? "  disabled: " + d.path("disabledNotice").asText() : "")
                + "  " + d.get("services").findValuesAsText("id"));
        for (JsonNode e : d.path("endpoints")) {
            out.println("    " + e.get("method").asText() + " " + e.get("path").asText());
        }
    }

    @Command(name = "list", description = "List a client's descriptions: id, type, URL, state, services, endpoints.")
    static final class ListDescriptions extends SecurityServerCommand.Call {
        @Parameters(paramLabel = "CLIENT")
        String clientId;

        @Override
        void run(AdminClient client, PrintWriter out) {
            client.get(SecurityServerCommand.clientPath(clientId) + "/service-descriptions").forEach(d -> print(out, d));
        }
    }

    @Command(name = "add", description = {"Register a WSDL or OpenAPI 3 document by URL (downloaded; its services",
        "are read from it), or a REST base URL with one service (--code)."})
    static final class Add extends SecurityServerCommand.Call {
        @Parameters(index = "0", paramLabel = "CLIENT")
        String clientId;

        @Parameters(index = "1", paramLabel = "URL")
        String url;

        @Option(names = "--type", defaultValue = "WSDL", description = "WSDL, OPENAPI3 or REST (default WSDL)")
        String type;

        @Option(names = "--code", description = "the service code (OPENAPI3 and REST)")
        String code;

        @Override
        void run(AdminClient client, PrintWriter out) {
            String t = type.toUpperCase(Locale.ROOT);
            Object body = t.equals("REST")
                    ? SecurityServerCommand.body("type", t, "url", url, "services",
                            List.of(SecurityServerCommand.body("serviceCode", code)))
                    : SecurityServerCommand.body("type", t, "url", url, "serviceCode", code);
            print(out, client.post(SecurityServerCommand.clientPath(clientId) + "/service-descriptions", body));
        }
    }

    /** A command on one description, by id. */
    abstract static class OnDescription extends SecurityServerCommand.Call {
        @Parameters(index = "0", paramLabel = "ID", description = "the description's id (see list)")
        String id;

        String path(String action) {
            return V1 + "/service-descriptions/" + id + "/" + action;
        }
    }

    @Command(name = "refresh", description = {"Download the document again: services gone are deleted with their",
        "access rights, new ones added, the others keep their settings."})
    static final class Refresh extends OnDescription {
        @Override
        void run(AdminClient client, PrintWriter out) {
            print(out, client.put(path("refresh"), SecurityServerCommand.body()));
        }
    }

    @Command(name = "disable", description = "Disable every service of the description; callers get the notice.")
    static final class Disable extends OnDescription {
        @Option(names = "--notice", defaultValue = "", description = "what callers are told")
        String notice;

        @Override
        void run(AdminClient client, PrintWriter out) {
            print(out, client.put(path("disable"), SecurityServerCommand.body("notice", notice)));
        }
    }

    @Command(name = "enable", description = "Enable the description's services.")
    static final class Enable extends OnDescription {
        @Override
        void run(AdminClient client, PrintWriter out) {
            print(out, client.put(path("enable"), SecurityServerCommand.body()));
        }
    }
}
