package org.sild.securityserver.clientproxy;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.sild.core.asic.AsicContainer;
import org.sild.core.asic.AsicNames;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SubsystemId;
import org.sild.securityserver.messagelog.EvidenceQuery;
import org.sild.securityserver.messagelog.SignedDocument;
import org.sild.securityserver.proxy.Headers;
import org.sild.securityserver.serverconf.LocalClient;
import org.sild.securityserver.serverconf.ServerConf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signed document download service on the client port (digest 05 §5, X-Road's
 * {@code AsicContainerClientRequestProcessor}): {@code GET /asic} answers the evidence containers of a
 * message id for the client that asks, {@code GET /verificationconf} the verification configuration.
 *
 * <p>{@code /asic} takes {@code queryId}, {@code xRoadInstance}, {@code memberClass},
 * {@code memberCode} and optionally {@code subsystemCode}, and the flags {@code requestOnly} |
 * {@code responseOnly}, {@code unique} (needs one of them) and {@code force} (time-stamp what is
 * pending first). The caller must connect as the client's connection type demands (its IS TLS
 * certificate on HTTPS); a client that is not registered here is refused like a failed
 * authentication. Errors are plain text: 400 bad parameters, 401 authentication, 404 nothing found
 * or not yet time-stamped, 500 internal (time-stamping on {@code force} failed).
 *
 * <p>Immutable and thread-safe.
 */
final class DocumentDownload {

    static final String ASIC = "/asic";
    static final String VERIFICATION_CONF = "/verificationconf";
    static final String ZIP = "application/zip";

    private static final Logger LOG = LoggerFactory.getLogger(DocumentDownload.class);

    /** A refusal with its HTTP status and plain-text message. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final ServerConf serverConf;
    private final EvidenceQuery evidence;
    private final Optional<Runnable> stampPending;
    private final Supplier<byte[]> verificationConf;
    private final boolean checkIsCertValidity;
    private final Clock clock;

    DocumentDownload(ServerConf serverConf, EvidenceQuery evidence, Optional<Runnable> stampPending,
            Supplier<byte[]> verificationConf, boolean checkIsCertValidity, Clock clock) {
        this.serverConf = serverConf;
        this.evidence = evidence;
        this.stampPending = stampPending;
        this.verificationConf = verificationConf;
        this.checkIsCertValidity = checkIsCertValidity;
        this.clock = clock;
    }

    /** Whether {@code request} is for this service. */
    static boolean serves(Request request) {
        String path = request.getHttpURI().getPath();
        return "GET".equals(request.getMethod()) && (ASIC.equals(path) || VERIFICATION_CONF.equals(path));
    }

    void handle(Request request, Response response, Callback callback) {
        try {
            if (VERIFICATION_CONF.equals(request.getHttpURI().getPath())) {
                byte[] zip = verificationConf.get();
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, ZIP);
                response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "filename=\"verificationconf.zip\"");
                response.write(true, ByteBuffer.wrap(zip), callback);
            } else {
                asic(request, response, callback);
            }
        } catch (Refused e) {
            plainText(response, callback, e.status, e.getMessage());
        } catch (XRoadException e) {
            LOG.warn("signed document download failed: {}", e.getMessage());
            plainText(response, callback, 500, e.getMessage());
        }
    }

    private void asic(Request request, Response response, Callback callback) {
        Fields params = Request.extractQueryParameters(request);
        ClientId client = clientOf(params);
        authenticate(request, client);
        String queryId = required(params, "queryId");
        boolean requestOnly = params.get("requestOnly") != null;
        boolean responseOnly = params.get("responseOnly") != null;
        if (requestOnly && responseOnly) {
            throw new Refused(400, "Parameters \"requestOnly\" and \"responseOnly\" cannot be used at the same time.");
        }
        boolean unique = params.get("unique") != null;
        if (unique && !requestOnly && !responseOnly) {
            throw new Refused(400, "Parameter \"unique\" not applicable without \"requestOnly\" or \"responseOnly\".");
        }
        Optional<Boolean> which = requestOnly ? Optional.of(false) : responseOnly ? Optional.of(true) : Optional.empty();
        List<SignedDocument> documents = stamped(queryId, client, which, params.get("force") != null);
        if (unique) {
            if (documents.size() > 1) {
                throw new Refused(400, documents.size() + " signed documents match query id '" + queryId
                        + "'; \"unique\" needs exactly one");
            }
            SignedDocument only = documents.getFirst();
            byte[] container = only.container().orElseThrow().toBytes();
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, AsicContainer.MIME_TYPE);
            response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, attachment(only.name()));
            response.write(true, ByteBuffer.wrap(container), callback);
            return;
        }
        String name = AsicNames.escape(queryId) + which.map(r -> r ? "-response" : "-request").orElse("") + ".zip";
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ZIP);
        response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, attachment(name));
        try (OutputStream out = new BufferedOutputStream(Content.Sink.asOutputStream(response), 64 * 1024);
                var zip = new ZipOutputStream(out)) {
            zip.setLevel(0);
            for (SignedDocument d : documents) {
                var entry = new ZipEntry(d.name());
                entry.setTimeLocal(LocalDateTime.ofInstant(d.record().time(), ZoneOffset.UTC));
                zip.putNextEntry(entry);
                d.container().orElseThrow().write(zip);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        callback.succeeded();
    }

    /** The matching records, every one time-stamped (first on {@code force}). */
    private List<SignedDocument> stamped(String queryId, ClientId client, Optional<Boolean> which, boolean force) {
        List<SignedDocument> documents = evidence.find(queryId, client, which);
        if (documents.isEmpty()) {
            throw new Refused(404, "No signed documents found");
        }
        if (documents.stream().allMatch(SignedDocument::isTimeStamped)) {
            return documents;
        }
        if (!force) {
            throw new Refused(404, documents.size() == 1 ? "Message signature has not been timestamped yet!"
                    : "Some message signatures have not been timestamped yet!");
        }
        try {
            stampPending.orElseThrow(() -> new Refused(500, "Could not create missing timestamp!")).run();
        } catch (XRoadException e) {
            LOG.warn("time-stamping for /asic?force failed: {}", e.getMessage());
            throw new Refused(500, "Could not create missing timestamp!");
        }
        documents = evidence.find(queryId, client, which);
        if (!documents.stream().allMatch(SignedDocument::isTimeStamped)) {
            throw new Refused(500, "Could not create missing timestamp!");
        }
        return documents;
    }

    private void authenticate(Request request, ClientId client) {
        LocalClient local = serverConf.client(client).filter(LocalClient::isRegistered)
                .orElseThrow(() -> new Refused(401, "Client '" + client + "' not found"));
        try {
            IsAuthentication.check(local, Headers.isSecure(request), Headers.peerCertificates(request),
                    checkIsCertValidity, clock.instant());
        } catch (XRoadException e) {
            throw new Refused(401, e.getMessage());
        }
    }

    private static ClientId clientOf(Fields params) {
        String instance = required(params, "xRoadInstance");
        String memberClass = required(params, "memberClass");
        String memberCode = required(params, "memberCode");
        Optional<String> subsystem = Optional.ofNullable(params.getValue("subsystemCode")).filter(s -> !s.isEmpty());
        try {
            return subsystem.<ClientId>map(s -> new SubsystemId(instance, memberClass, memberCode, s))
                    .orElseGet(() -> new MemberId(instance, memberClass, memberCode));
        } catch (XRoadException | IllegalArgumentException e) {
            throw new Refused(400, e.getMessage());
        }
    }

    private static String required(Fields params, String name) {
        String value = params.getValue(name);
        if (value == null || value.isEmpty()) {
            throw new Refused(400, "Parameter \"" + name + "\" must be specified.");
        }
        return value;
    }

    private static String attachment(String fileName) {
        return "attachment; filename=\"" + fileName + "\"";
    }

    private static void plainText(Response response, Callback callback, int status, String message) {
        if (response.isCommitted()) {
            callback.failed(new IllegalStateException(message));
            return;
        }
        response.setStatus(status);
        if (status == 401) {
            // HTTP requires a challenge with 401 (X-Road sends none; clients that check would refuse the answer).
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Transport mode=\"tls-client-certificate\"");
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
