package org.sild.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpMethod;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.pki.Certificates;
import org.sild.runtime.config.YamlConfig;
import org.sild.runtime.http.HttpClients;
import org.sild.runtime.http.ManagedHttpClient;
import org.sild.runtime.json.Json;
import org.sild.trustservices.TrustServices;
import org.sild.trustservices.TrustServicesConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sild trust-services}: run the development CA, OCSP responder and TSA, and talk to a
 * running CA (issue, revoke, fetch its certificate). Client commands exit 0 on success, 1 when the
 * CA refuses (its error printed), 2 for usage errors and unreachable servers.
 */
@Command(name = "trust-services", mixinStandardHelpOptions = true,
        description = "Development trust services: a CA with its OCSP responder, and a time-stamping authority.",
        subcommands = {TrustServicesCommand.Run.class, TrustServicesCommand.Issue.class,
            TrustServicesCommand.Revoke.class, TrustServicesCommand.CaCert.class})
final class TrustServicesCommand {

    /** Where a client command finds the CA unless told otherwise. */
    static final String DEFAULT_URL = "http://127.0.0.1:" + TrustServicesConfig.DEFAULT_PORT + "/";
    /** Largest API key file read, in bytes. */
    static final long MAX_API_KEY_FILE = 4096;
    /** Largest CSR file read, in bytes. */
    static final long MAX_CSR_FILE = 256 * 1024;

    /** {@code sild trust-services run}: starts the services and serves until interrupted. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run the CA and OCSP responder (default port 8888) and the TSA (default 8899)",
                "until interrupted (Ctrl-C). The first start creates the CA, the TSA certificate and,",
                "unless configured, an API key in the data directory; later starts reuse them."})
    static final class Run implements Callable<Integer> {

        static final class Source {
            @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file")
            Path config;

            @Option(names = "--data-dir", paramLabel = "DIR",
                    description = "data directory, everything else default (default: .sild/trust-services)")
            Path dataDir;
        }

        @ArgGroup(exclusive = true)
        Source source;

        @Option(names = "--port", paramLabel = "N", description = "port of the CA and OCSP responder (0: any free)")
        Integer port;

        @Option(names = "--tsa-port", paramLabel = "N", description = "port of the TSA (0: any free)")
        Integer tsaPort;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            TrustServicesConfig config = source != null && source.config != null
                    ? YamlConfig.load(source.config, TrustServicesConfig.class) : TrustServicesConfig.defaults();
            if (source != null && source.dataDir != null) {
                config = config.withDataDir(source.dataDir);
            }
            if (port != null || tsaPort != null) {
                config = config.withPorts(port != null ? port : config.port(),
                        tsaPort != null ? tsaPort : config.tsaPort());
            }
            var stopped = new CountDownLatch(1);
            boolean interrupted = false;
            try (TrustServices services = TrustServices.create(config)) {
                Thread hook = new Thread(stopped::countDown, "sild-trust-services-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                PrintWriter out = spec.commandLine().getOut();
                Path dir = config.dataDir().toAbsolutePath();
                out.println("Sild trust services");
                out.println("  CA + OCSP: " + services.caUrl() + "   (CA certificate: " + services.caUrl()
                        .resolve("/ca/certificate") + ")");
                out.println("  TSA:       " + services.tsaUrl());
                out.println("  data:      " + dir);
                out.println("  API key:   " + (!config.apiKeys().isEmpty() ? "from the configuration"
                        : "in " + dir.resolve(TrustServices.API_KEY_FILE)));
                out.println("Ready. Press Ctrl-C to stop.");
                out.flush();
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    // Being stopped is the normal end; the flag is restored once the servers are closed.
                    interrupted = true;
                } finally {
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException e) {
                        // The JVM is already shutting down: the hook has run.
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            return 0;
        }
    }

    /** Options every client command shares: where the CA is and how long to wait. */
    static final class Server {
        @Option(names = "--url", paramLabel = "URL", defaultValue = DEFAULT_URL,
                description = "base URL of the CA (default: ${DEFAULT-VALUE})")
        URI url;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s",
                description = "how long to wait for the CA (default: ${DEFAULT-VALUE})")
        String timeout;
    }

    /** The API key, given or read from a file. */
    static final class Key {
        @Option(names = "--api-key", paramLabel = "KEY", description = "the CA's API key")
        String key;

        @Option(names = "--api-key-file", paramLabel = "FILE",
                description = "file holding the API key (the running CA's DATA-DIR/api-key)")
        Path file;
    }

    /** {@code sild trust-services issue}: sends a CSR, writes the certificate. */
    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = "Have a running CA issue a certificate for a PKCS#10 request (PEM or DER).")
    static final class Issue implements Callable<Integer> {

        @Option(names = "--type", paramLabel = "auth|sign", required = true,
                description = "auth (security server TLS) or sign (member signing)")
        String type;

        @Option(names = "--csr", paramLabel = "FILE", required = true, description = "the certification request")
        Path csr;

        @Option(names = "--out", paramLabel = "FILE", description = "write the certificate here (default: stdout)")
        Path out;

        @Option(names = "--der", description = "DER instead of PEM")
        boolean der;

        @Mixin
        Server server = new Server();

        @ArgGroup(exclusive = true, multiplicity = "1")
        Key key;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (!type.equals("auth") && !type.equals("sign")) {
                throw new ParameterException(spec.commandLine(), "--type must be auth or sign, not '" + type + "'");
            }
            requireOutForDer(spec, der, out);
            byte[] request = readFile(spec, csr, MAX_CSR_FILE);
            return exchange(spec, server, client -> client.newRequest(server.url.resolve("/ca/certificates?type=" + type))
                    .method(HttpMethod.POST)
                    .headers(h -> h.put("Authorization", "X-Road-ApiKey token=" + apiKey(spec, key)).put("Accept",
                            der ? "application/pkix-cert" : "application/pem-certificate-chain"))
                    .body(new BytesRequestContent(request.length > 0 && request[0] == 0x30 ? "application/pkcs10"
                            : "application/x-pem-file", request)), response -> {
                                var certificate = Certificates.parse(response.getContent());
                                write(spec, out, response.getContent());
                                spec.commandLine().getErr().println("issued " + type + " certificate, serial number "
                                        + certificate.getSerialNumber() + ", for "
                                        + certificate.getSubjectX500Principal().getName());
                            });
        }
    }

    /** {@code sild trust-services revoke}: revokes a certificate by serial number. */
    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Have a running CA revoke a certificate; its OCSP responder says so at once.")
    static final class Revoke implements Callable<Integer> {

        @Option(names = "--serial", paramLabel = "N", required = true,
                description = "serial number, decimal or 0x-prefixed hexadecimal")
        String serial;

        @Option(names = "--reason", paramLabel = "REASON", defaultValue = "unspecified",
                description = "RFC 5280 reason, e.g. keyCompromise, superseded, cessationOfOperation "
                        + "(default: ${DEFAULT-VALUE})")
        String reason;

        @Mixin
        Server server = new Server();

        @ArgGroup(exclusive = true, multiplicity = "1")
        Key key;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (!serial.matches("[0-9]{1,60}|0[xX][0-9a-fA-F]{1,40}") || !reason.matches("[A-Za-z_-]{1,40}")) {
                throw new ParameterException(spec.commandLine(), "--serial must be a number and --reason a reason name");
            }
            return exchange(spec, server, client -> client.newRequest(server.url.resolve("/ca/certificates/" + serial
                    + "/revoke?reason=" + reason)).method(HttpMethod.POST)
                    .headers(h -> h.put("Authorization", "X-Road-ApiKey token=" + apiKey(spec, key))), response -> {
                        JsonNode body = Json.mapper().readTree(response.getContent());
                        spec.commandLine().getOut().println("revoked " + body.path("serialNumber").asText() + " ("
                                + body.path("subject").asText() + ") at " + body.path("revokedAt").asText()
                                + ", reason " + body.path("revocationReason").asText());
                    });
        }
    }

    /** {@code sild trust-services ca-cert}: fetches the CA certificate. */
    @Command(name = "ca-cert", mixinStandardHelpOptions = true,
            description = "Fetch the CA certificate of a running CA (the trust anchor to configure).")
    static final class CaCert implements Callable<Integer> {

        @Option(names = "--out", paramLabel = "FILE", description = "write the certificate here (default: stdout)")
        Path out;

        @Option(names = "--der", description = "DER instead of PEM")
        boolean der;

        @Mixin
        Server server = new Server();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            requireOutForDer(spec, der, out);
            return exchange(spec, server, client -> client.newRequest(server.url.resolve("/ca/certificate"))
                    .headers(h -> h.put("Accept", der ? "application/pkix-cert" : "application/pem-certificate-chain")),
                    response -> {
                        Certificates.parse(response.getContent());
                        write(spec, out, response.getContent());
                    });
        }
    }

    @FunctionalInterface
    interface RequestMaker {
        Request make(ManagedHttpClient client);
    }

    @FunctionalInterface
    interface SuccessHandler {
        void accept(ContentResponse response) throws IOException;
    }

    /** Sends one request; success (2xx) goes to {@code onSuccess}, an error answer is printed and gives 1. */
    static int exchange(CommandSpec spec, Server server, RequestMaker request, SuccessHandler onSuccess) {
        Duration timeout = duration(spec, server.timeout);
        try (ManagedHttpClient client = HttpClients.builder().name("sild-trust-services-client")
                .connectTimeout(timeout).idleTimeout(timeout).pooling(false).build()) {
            ContentResponse response = request.make(client).timeout(timeout.toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS).send();
            if (response.getStatus() / 100 != 2) {
                spec.commandLine().getErr().println("sild: the CA answered " + response.getStatus() + ": "
                        + errorMessage(response));
                return 1;
            }
            onSuccess.accept(response);
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XRoadException(ErrorCode.NETWORK_ERROR, "interrupted");
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new XRoadException(ErrorCode.NETWORK_ERROR, "cannot reach the CA at " + server.url + ": "
                    + cause.getMessage(), e);
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.INVALID_RESPONSE, "unexpected answer from " + server.url + ": "
                    + e.getMessage(), e);
        }
    }

    private static String errorMessage(ContentResponse response) {
        try {
            JsonNode body = Json.mapper().readTree(response.getContent());
            String message = body.at("/error/message").asText("");
            if (!message.isEmpty()) {
                return message + " (" + body.at("/error/code").asText() + ")";
            }
        } catch (IOException | RuntimeException e) {
            // not the CA's JSON error: show the text
        }
        String text = response.getContentAsString();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    static String apiKey(CommandSpec spec, Key key) {
        if (key.key != null) {
            return key.key;
        }
        return new String(readFile(spec, key.file, MAX_API_KEY_FILE), StandardCharsets.US_ASCII).strip();
    }

    static byte[] readFile(CommandSpec spec, Path file, long max) {
        try {
            if (Files.size(file) > max) {
                throw new ParameterException(spec.commandLine(), file + " is larger than " + max + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Writes to {@code file}, or PEM text to standard output when there is none. */
    static void write(CommandSpec spec, Path file, byte[] content) throws IOException {
        if (file == null) {
            spec.commandLine().getOut().print(new String(content, StandardCharsets.US_ASCII));
            spec.commandLine().getOut().flush();
        } else {
            Files.write(file, content);
        }
    }

    static void requireOutForDer(CommandSpec spec, boolean der, Path out) {
        if (der && out == null) {
            throw new ParameterException(spec.commandLine(), "--der needs --out FILE (binary is not written to a terminal)");
        }
    }

    private static Duration duration(CommandSpec spec, String text) {
        try {
            return YamlConfig.parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--timeout: " + e.getMessage());
        }
    }
}
