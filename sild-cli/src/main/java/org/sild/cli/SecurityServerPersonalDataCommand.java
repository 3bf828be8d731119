package org.sild.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sild.securityserver.admin.AdminClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sild security-server personal-data}: declare where a service's (or REST endpoint's)
 * exchanges name the data subject, so that the provider security server records each use of a
 * person's data (issue 7); list and remove declarations.
 */
@Command(name = "personal-data", description = "Declare services as processing personal data; list and remove.",
        subcommands = {SecurityServerPersonalDataCommand.ListDeclarations.class,
            SecurityServerPersonalDataCommand.Declare.class, SecurityServerPersonalDataCommand.Remove.class})
final class SecurityServerPersonalDataCommand {

    private SecurityServerPersonalDataCommand() {
    }

    static String path(String clientId) {
        return SecurityServerCommand.clientPath(clientId) + "/personal-data";
    }

    static void print(PrintWriter out, JsonNode d) {
        JsonNode locator = d.get("locator");
        out.println(d.get("serviceCode").asText() + (d.hasNonNull("endpoint") ? " " + d.get("endpoint").asText() : "")
                + "  " + locator.get("kind").asText() + " " + locator.get("name").asText()
                + (locator.hasNonNull("namespaces") ? " " + locator.get("namespaces") : "")
                + (d.hasNonNull("subjectPrefix") ? "  prefix " + d.get("subjectPrefix").asText() : "")
                + "  " + d.path("processingType").asText("read")
                + (d.hasNonNull("purpose") ? "  purpose: " + d.get("purpose").asText() : "")
                + (d.hasNonNull("legalBasis") ? "  legal basis: " + d.get("legalBasis").asText() : ""));
    }

    @Command(name = "list", description = "List a client's declarations: service, endpoint, locator, defaults.")
    static final class ListDeclarations extends SecurityServerCommand.Call {
        @Parameters(paramLabel = "CLIENT")
        String clientId;

        @Override
        void run(AdminClient client, PrintWriter out) {
            client.get(path(clientId)).forEach(d -> print(out, d));
        }
    }

    @Command(name = "declare", description = {"Declare a service (or one REST endpoint) as personal data: where the",
        "subject is (--locator KIND=NAME; KIND is path, query, header, json-pointer, response-json-pointer or",
        "xpath) and the defaults recorded when the consumer sends no purpose or legal basis."})
    static final class Declare extends SecurityServerCommand.Call {
        @Parameters(index = "0", paramLabel = "CLIENT")
        String clientId;

        @Parameters(index = "1", paramLabel = "SERVICE_CODE")
        String serviceCode;

        @Option(names = "--endpoint", description = "a REST endpoint, 'METHOD /path/template' (default: the whole service)")
        String endpoint;

        @Option(names = "--locator", required = true, description = "KIND=NAME, e.g. path=personalCode, json-pointer=/patient")
        String locator;

        @Option(names = "--namespace", description = "for xpath: PREFIX=URI (repeatable)")
        Map<String, String> namespaces = new LinkedHashMap<>();

        @Option(names = "--prefix", description = "prepended to the subject found, e.g. EE")
        String prefix;

        @Option(names = "--processing-type", defaultValue = "read", description = "read, write, update... (default read)")
        String processingType;

        @Option(names = "--purpose", description = "the default purpose")
        String purpose;

        @Option(names = "--legal-basis", description = "the default legal basis")
        String legalBasis;

        @Override
        void run(AdminClient client, PrintWriter out) {
            int eq = locator.indexOf('=');
            String kind = eq < 0 ? locator : locator.substring(0, eq);
            String name = eq < 0 ? "" : locator.substring(eq + 1);
            Object loc = SecurityServerCommand.body("kind", kind, "name", name, "namespaces",
                    namespaces.isEmpty() ? null : namespaces);
            print(out, client.post(path(clientId), SecurityServerCommand.body("serviceCode", serviceCode,
                    "endpoint", endpoint, "locator", loc, "subjectPrefix", prefix, "processingType", processingType,
                    "purpose", purpose, "legalBasis", legalBasis)));
        }
    }

    @Command(name = "remove", description = "Remove the declaration of a service (or of one REST endpoint).")
    static final class Remove extends SecurityServerCommand.Call {
        @Parameters(index = "0", paramLabel = "CLIENT")
        String clientId;

        @Parameters(index = "1", paramLabel = "SERVICE_CODE")
        String serviceCode;

        @Option(names = "--endpoint", description = "the REST endpoint, 'METHOD /path/template'")
        String endpoint;

        @Override
        void run(AdminClient client, PrintWriter out) {
            client.post(path(clientId) + "/delete", SecurityServerCommand.body("serviceCode", serviceCode,
                    "endpoint", endpoint));
            out.println("removed");
        }
    }
}
