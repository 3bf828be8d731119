package org.sild.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.sild.cli.SecurityServerCommand.Call;
import org.sild.securityserver.admin.AdminClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sild security-server identity …} and {@code … keys …}: the first steps of joining an
 * instance — the server's identity, its authentication key and the members' signing keys,
 * certification requests for the CA, and importing the certificates the CA issued.
 */
final class SecurityServerKeysCommand {

    private SecurityServerKeysCommand() {
    }

    @Command(name = "identity", description = "Show or set the server's owner and server code.",
            subcommands = {Identity.Show.class, Identity.Set.class})
    static final class Identity {

        @Command(name = "show", description = "Print the server's identity.")
        static final class Show extends Call {
            @Override
            void run(AdminClient client, PrintWriter out) {
                out.println(client.get("/api/v1/identity").get("securityServer").asText());
            }
        }

        @Command(name = "set", description = "Set the owner member and the server code (before the first CSR).")
        static final class Set extends Call {
            @Parameters(index = "0", paramLabel = "OWNER", description = "the owner member, e.g. DEV/GOV/70000001")
            String owner;

            @Parameters(index = "1", paramLabel = "SERVER_CODE", description = "e.g. ss2")
            String serverCode;

            @Override
            void run(AdminClient client, PrintWriter out) {
                out.println(client.put("/api/v1/identity", SecurityServerCommand.body("owner", owner,
                        "serverCode", serverCode)).get("securityServer").asText());
            }
        }
    }

    @Command(name = "keys", description = "Keys on the server's token: generate, CSR, import certificate.",
            subcommands = {Keys.ListKeys.class, Keys.Generate.class, Keys.Csr.class, Keys.Import.class,
                Keys.Delete.class})
    static final class Keys {

        @Command(name = "list", description = "List the keys: id, purpose, member, certificate subject and expiry.")
        static final class ListKeys extends Call {
            @Override
            void run(AdminClient client, PrintWriter out) {
                client.get("/api/v1/keys").forEach(k -> out.println(describe(k)));
            }
        }

        @Command(name = "generate", description = "Generate the authentication key or a member's signing key.")
        static final class Generate extends Call {
            @Option(names = "--purpose", required = true, description = "AUTHENTICATION or SIGNING")
            String purpose;

            @Option(names = "--member", description = "the member a signing key signs for, e.g. DEV/GOV/70000001")
            String member;

            @Option(names = "--algorithm", description = "RSA_2048 (default), RSA_3072, EC_P256 or EC_P384")
            String algorithm;

            @Override
            void run(AdminClient client, PrintWriter out) {
                out.println(describe(client.post("/api/v1/keys", SecurityServerCommand.body("purpose", purpose,
                        "member", member, "algorithm", algorithm))));
            }
        }

        @Command(name = "csr", description = "Write a PKCS#10 certification request (PEM) for a key.")
        static final class Csr extends Call {
            @Parameters(paramLabel = "KEY_ID")
            String keyId;

            @Option(names = "--subject", description = "another subject than the default profile's")
            String subject;

            @Option(names = "--out", paramLabel = "FILE", description = "write the PEM here instead of printing it")
            Path file;

            @Override
            void run(AdminClient client, PrintWriter out) {
                JsonNode csr = client.post("/api/v1/keys/" + keyId + "/csr", SecurityServerCommand.body("subject", subject));
                String pem = csr.get("pem").asText();
                if (file == null) {
                    out.print(pem);
                    return;
                }
                write(file, pem);
                out.println("wrote the request for " + csr.get("subject").asText() + " to " + file);
            }
        }

        @Command(name = "import", description = "Import a certificate (PEM, leaf first) for the key it belongs to.")
        static final class Import extends Call {
            @Parameters(paramLabel = "FILE")
            Path file;

            @Override
            void run(AdminClient client, PrintWriter out) {
                out.println(describe(client.post("/api/v1/certificates", SecurityServerCommand.body("certificate",
                        read(file)))));
            }
        }

        @Command(name = "delete", description = "Delete a key and its certificate.")
        static final class Delete extends Call {
            @Parameters(paramLabel = "KEY_ID")
            String keyId;

            @Override
            void run(AdminClient client, PrintWriter out) {
                client.delete("/api/v1/keys/" + keyId);
                out.println("deleted key " + keyId);
            }
        }
    }

    @Command(name = "register", description = {"Register this server's authentication certificate with the",
        "central server (authCertReg), giving the address other servers reach it at."})
    static final class Register extends Call {
        @Option(names = "--address", required = true, description = "host, IP or host:port, e.g. ss2.example.org")
        String address;

        @Override
        void run(AdminClient client, PrintWriter out) {
            out.println(submitted(client.post("/api/v1/registration", SecurityServerCommand.body("address", address))));
        }
    }

    @Command(name = "register-client", description = "Ask the central server to register a client on this server.")
    static final class RegisterClient extends Call {
        @Parameters(paramLabel = "CLIENT", description = "e.g. DEV/GOV/70000001/registry")
        String client;

        @Option(names = "--name", description = "the subsystem's name")
        String name;

        @Override
        void run(AdminClient client, PrintWriter out) {
            out.println(submitted(client.post(SecurityServerCommand.clientPath(this.client) + "/registration",
                    SecurityServerCommand.body("subsystemName", name))));
        }
    }

    @Command(name = "unregister-client", description = "Ask the central server to delete a client of this server.")
    static final class UnregisterClient extends Call {
        @Parameters(paramLabel = "CLIENT")
        String client;

        @Override
        void run(AdminClient client, PrintWriter out) {
            out.println(submitted(client.delete(SecurityServerCommand.clientPath(this.client) + "/registration")));
        }
    }

    @Command(name = "request", description = {"Send another management request for this server: TYPE is",
        "authCertDeletion, ownerChange (--owner), addressChange (--address), clientEnable, clientDisable",
        "(--client), clientRename (--client, --name), maintenanceModeEnable (--message), maintenanceModeDisable."})
    static final class Request extends Call {
        @Parameters(paramLabel = "TYPE")
        String type;

        @Option(names = "--client")
        String client;

        @Option(names = "--owner")
        String owner;

        @Option(names = "--address")
        String address;

        @Option(names = "--name", description = "the subsystem's new name")
        String name;

        @Option(names = "--message", description = "the maintenance message")
        String message;

        @Override
        void run(AdminClient client, PrintWriter out) {
            out.println(submitted(client.post("/api/v1/management-requests", SecurityServerCommand.body("type", type,
                    "client", this.client, "owner", owner, "address", address, "subsystemName", name,
                    "message", message))));
        }
    }

    private static String submitted(JsonNode answer) {
        return answer.get("type").asText() + " sent, central server request " + answer.get("requestId").asLong();
    }

    static String describe(JsonNode key) {
        String member = Optional.ofNullable(key.get("member")).filter(m -> !m.isNull()).map(JsonNode::asText).orElse("-");
        JsonNode cert = key.get("certificate");
        String certificate = cert == null || cert.isNull() ? "no certificate"
                : cert.get("subject").asText() + " until " + cert.get("notAfter").asText();
        return key.get("id").asText() + "  " + key.get("purpose").asText() + "  " + member + "  " + certificate;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
