package org.sild.cli;

import static org.sild.cli.CentralServerCommand.body;
import static org.sild.cli.CentralServerCommand.colon;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sild.cli.CentralServerCommand.Call;
import org.sild.core.id.MemberId;
import org.sild.core.id.XRoadIds;
import org.sild.runtime.json.Json;
import org.sild.securityserver.admin.AdminClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code sild central-server} commands for the registry and the trust policy: member classes,
 * members and subsystems, global groups, approved CAs and TSAs, trusted anchors.
 */
final class CentralServerRegistryCommands {

    private CentralServerRegistryCommands() {
    }

    @Command(name = "member-classes", description = "List and add member classes.",
            subcommands = {MemberClasses.ListClasses.class, MemberClasses.Add.class})
    static final class MemberClasses {

        @Command(name = "list", description = "List the member classes: code, description.")
        static final class ListClasses extends Call {
            @Override
            void run(AdminClient client, PrintWriter out) {
                client.get("/api/v1/member-classes").forEach(c -> out.println(c.get("code").asText() + "  "
                        + c.get("description").asText()));
            }
        }

        @Command(name = "add", description = "Declare a member class.")
        static final class Add extends Call {
            @Parameters(index = "0", paramLabel = "CODE")
            String code;

            @Parameters(index = "1", paramLabel = "DESCRIPTION")
            String description;

            @Override
            void run(AdminClient client, PrintWriter out) {
                JsonNode c = client.post("/api/v1/member-classes", body("code", code, "description", description));
                out.println("added member class " + c.get("code").asText());
            }
        }
    }

    @Command(name = "members", description = "List, add and delete members; add subsystems.",
            subcommands = {Members.ListMembers.class, Members.Add.class, Members.Delete.class,
                Members.AddSubsystem.class})
    static final class Members {

        @Command(name = "list", description = "List the members: id, name, subsystems.")
        static final class ListMembers extends Call {
            @Override
            void run(AdminClient client, PrintWriter out) {
                client.get("/api/v1/members").forEach(m -> out.println(m.get("id").asText() + "  "
                        + m.get("name").asText() + "  " + m.get("subsystems").findValuesAsText("code")));
            }
        }

        @Command(name = "add", description = "Register a member.")
        static final class Add extends Call {
            @Parameters(index = "0", paramLabel = "MEMBER", description = "e.g. DEV/GOV/70000001")
            String member;

            @Parameters(index = "1", paramLabel = "NAME")
            String name;

            @Override
            void run(AdminClient client, PrintWriter out) {
                MemberId id = (MemberId) XRoadIds.parsePath(org.sild.core.id.ObjectType.MEMBER, member);
                JsonNode m = client.post("/api/v1/members", body("memberClass", id.memberClass(), "memberCode",
                        id.memberCode(), "name", name));
                out.println("added " + m.get("id").asText() + "  " + m.get("name").asText());
            }
        }

        @Command(name = "delete", description = "Remove a member that owns no security server.")
        static final class Delete extends Call {
            @Parameters(paramLabel = "MEMBER")
            String member;

            @Override
            void run(AdminClient client, PrintWriter out) {
                client.delete("/api/v1/members/" + colon(member));
                out.println("deleted " + member);
            }
        }

        @Command(name = "add-subsystem", description = "Register a subsystem of a member.")
        static final class AddSubsystem extends Call {
            @Parameters(index = "0", paramLabel = "MEMBER")
            String member;

            @Parameters(index = "1", paramLabel = "CODE")
            String code;

            @Option(names = "--name", description = "the subsystem's name (published from version 5)")
            String name;

            @Override
            void run(AdminClient client, PrintWriter out) {
                JsonNode s = client.post("/api/v1/members/" + colon(member) + "/subsystems", body("code", code,
                        "name", name));
                out.println("added " + s.get("id").asText());
            }
        }
    }

    @Command(name = "groups", description = "List, add and delete global groups and their members.",
            subcommands = {Groups.ListGroups.class, Groups.Add.class, Groups.Delete.class, Groups.AddMember.class,
                Groups.RemoveMember.class})
    static final class Groups {

        @Command(name = "list", description = "List the global groups: code, description, members.")
        static final class ListGroups extends Call {
            @Override
            void run(AdminClient client, PrintWriter out) {
                client.get("/api/v1/global-groups").forEach(g -> out.println(g.get("code").asText() + "  "
                        + g.get("description").asText() + "  " + strings(g.get("members"))));
            }
        }

        @Command(name = "add", description = "Define a global group.")
        static final class Add extends Call {
            @Parameters(index = "0", paramLabel = "CODE")
            String code;

            @Parameters(index = "1", paramLabel = "DESCRIPTION")
            String description;

            @Override
            void run(AdminClient client, PrintWriter out) {
                client.post("/api/v1/global-groups", body("code", code, "description", description));
                out.println("added global group " + code);
            }
        }

        @Command(name = "delete", description = "Remove a global group.")
        static final class Delete extends Call {
            @Parameters(paramLabel = "CODE")
            String code;

            @Override
            void run(AdminClient client, PrintWriter out) {
                client.delete("/api/v1/global-groups/" + XRoadIds.percentEncode(code));
                out.println("deleted global group " + code);
            }
        }

        @Command(name = "add-member", description = "Add a registered member or subsystem to a global group.")
        static final class AddMember extends Call {
            @Parameters(index = "0", paramLabel = "CODE")
            String code;

            @Parameters(index = "1", paramLabel = "CLIENT")
            String member;

            @Override
            void run(AdminClient client, PrintWriter out) {
                client.post("/api/v1/global-groups/" + XRoadIds.percentEncode(code) + "/members", body("member", member));
                out.println("added " + member + " to " + code);
            }
        }

        @Command(name = "remove-member", description = "Remove a member or subsystem from a global group.")
        static final class RemoveMember extends Call {
            @Parameters(index = "0", paramLabel = "CODE")
            String code;

            @Parameters(index = "1", paramLabel = "CLIENT")
            String member;

            @Override
            void run(AdminClient client, PrintWriter out) {
                client.delete("/api/v1/global-groups/" + XRoadIds.percentEncode(code) + "/members/" + colon(member));
                out.println("removed " + member + " from " + code);
            }
        }
    }

    @Command(name = "cas", description = "List, approve and remove certification authorities.",
            subcommands = {Cas.ListCas.class, Cas.Add.class, Cas.Delete.class})
    static final class Cas {

        @Command(name = "list", description = "List the approved CAs: id, name, profile, intermediate CAs.")
        static final class ListCas extends Call {
            @Override
            void run(AdminClient client, PrintWriter out) {
                client.get("/api/v1/certification-authorities").forEach(c -> out.println(c.get("id").asText() + "  "
                        + c.get("name").asText() + "  " + c.get("certificateProfileInfo").asText() + "  intermediate CAs "
                        + c.get("intermediateCas").size()));
            }
        }

        @Command(name = "add", description = "Approve a CA from its certificate file (PEM or DER).")
        static final class Add extends Call {
            @Option(names = "--certificate", required = true, paramLabel = "FILE", description = "the top CA certificate")
            Path certificate;

            @Option(names = "--name", description = "default the certificate's CN")
            String name;

            @Option(names = "--profile", description = "the certificate profile class (default EJBCA's)")
            String profile;

            @Option(names = "--ocsp", paramLabel = "URL", description = "an OCSP responder of the top CA")
            List<String> ocsp = new ArrayList<>();

            @Option(names = "--intermediate", paramLabel = "FILE", description = "an intermediate CA certificate")
            List<Path> intermediates = new ArrayList<>();

            @Option(names = "--intermediate-ocsp", paramLabel = "URL",
                    description = "an OCSP responder of every intermediate CA")
            List<String> intermediateOcsp = new ArrayList<>();

            @Option(names = "--authentication-only", description = "its certificates only authenticate servers")
            boolean authenticationOnly;

            @Override
            void run(AdminClient client, PrintWriter out) {
                List<Map<String, Object>> inter = intermediates.stream().map(f -> body("certificate", certificate(f),
                        "ocspResponders", responders(intermediateOcsp))).toList();
                JsonNode c = client.post("/api/v1/certification-authorities", body("name", name, "certificate",
                        certificate(certificate), "certificateProfileInfo", profile, "authenticationOnly",
                        authenticationOnly, "ocspResponders", responders(ocsp), "intermediateCas", inter));
                out.println("approved CA " + c.get("id").asText() + "  " + c.get("name").asText());
            }
        }

        @Command(name = "delete", description = "Withdraw the approval of a CA.")
        static final class Delete extends Call {
            @Parameters(paramLabel = "ID")
            long id;

            @Override
            void run(AdminClient client, PrintWriter out) {
                client.delete("/api/v1/certification-authorities/" + id);
                out.println("deleted CA " + id);
            }
        }
    }

    @Command(name = "tsas", description = "List, approve and remove time-stamping authorities.",
            subcommands = {Tsas.ListTsas.class, Tsas.Add.class, Tsas.Delete.class})
    static final class Tsas {

        @Command(name = "list", description = "List the approved TSAs: id, name, URL.")
        static final class ListTsas extends Call {
            @Override
            void run(AdminClient client, PrintWriter out) {
                client.get("/api/v1/timestamping-services").forEach(t -> out.println(t.get("id").asText() + "  "
                        + t.get("name").asText() + "  " + t.get("url").asText()));
            }
        }

        @Command(name = "add", description = "Approve an RFC 3161 TSA.")
        static final class Add extends Call {
            @Option(names = "--tsa-url", required = true, paramLabel = "URL", description = "the TSA's RFC 3161 URL")
            String url;

            @Option(names = "--certificate", required = true, paramLabel = "FILE")
            Path certificate;

            @Option(names = "--name", description = "default the certificate's CN")
            String name;

            @Override
            void run(AdminClient client, PrintWriter out) {
                JsonNode t = client.post("/api/v1/timestamping-services", body("name", name, "url", url,
                        "certificate", certificate(certificate)));
                out.println("approved TSA " + t.get("id").asText() + "  " + t.get("name").asText());
            }
        }

        @Command(name = "delete", description = "Withdraw the approval of a TSA.")
        static final class Delete extends Call {
            @Parameters(paramLabel = "ID")
            long id;

            @Override
            void run(AdminClient client, PrintWriter out) {
                client.delete("/api/v1/timestamping-services/" + id);
                out.println("deleted TSA " + id);
            }
        }
    }

    @Command(name = "trusted-anchors", description = "List, add and delete federated instances' anchors.",
            subcommands = {TrustedAnchors.ListAnchors.class, TrustedAnchors.Add.class, TrustedAnchors.Delete.class})
    static final class TrustedAnchors {

        @Command(name = "list", description = "List the trusted anchors: instance, file hash, download URLs.")
        static final class ListAnchors extends Call {
            @Override
            void run(AdminClient client, PrintWriter out) {
                client.get("/api/v1/trusted-anchors").forEach(a -> out.println(a.get("instance").asText() + "  "
                        + a.get("fileHash").asText() + "  " + strings(a.get("downloadUrls"))));
            }
        }

        @Command(name = "add", description = "Trust a federated instance: upload its external anchor file.")
        static final class Add extends Call {
            @Parameters(paramLabel = "FILE")
            Path file;

            @Override
            void run(AdminClient client, PrintWriter out) {
                byte[] xml;
                try {
                    xml = Files.readAllBytes(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
                JsonNode a = parse(raw("POST", "/api/v1/trusted-anchors", xml));
                out.println("trusted " + a.get("instance").asText() + "  " + a.get("fileHash").asText());
            }
        }

        @Command(name = "delete", description = "Stop trusting a federated instance.")
        static final class Delete extends Call {
            @Parameters(paramLabel = "INSTANCE")
            String instance;

            @Override
            void run(AdminClient client, PrintWriter out) {
                client.delete("/api/v1/trusted-anchors/" + XRoadIds.percentEncode(instance));
                out.println("deleted trusted anchor of " + instance);
            }
        }
    }

    private static List<String> strings(JsonNode array) {
        var out = new ArrayList<String>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<Map<String, Object>> responders(List<String> urls) {
        return urls.stream().map(u -> body("url", u)).toList();
    }

    /** A certificate file's text: PEM as it is, DER as base64. */
    private static String certificate(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        return text.contains("-----BEGIN") ? text : java.util.Base64.getEncoder().encodeToString(bytes);
    }

    private static JsonNode parse(byte[] json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
