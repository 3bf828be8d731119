package org.sild.securityserver.serverproxy;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.SecurityServerId;
import org.sild.core.rest.HttpHeader;
import org.sild.core.rest.RestHeaders;
import org.sild.core.rest.RestRequest;
import org.sild.core.rest.RestRequestHash;
import org.sild.core.rest.RestResponse;
import org.sild.core.signature.SignatureData;
import org.sild.core.transport.MessageType;
import org.sild.core.transport.PartDigest;
import org.sild.core.transport.TransportEncoder;
import org.sild.core.transport.TransportMessage;
import org.sild.securityserver.datatracker.DataTracker;
import org.sild.securityserver.datatracker.FindUsage;
import org.sild.securityserver.datatracker.Usage;
import org.sild.securityserver.globalconf.GlobalConf;
import org.sild.securityserver.messagelog.LinkedWrite;
import org.sild.securityserver.messagelog.LogRecord;
import org.sild.securityserver.metadata.Metaservices;
import org.sild.securityserver.opmonitor.OpRecord;
import org.sild.securityserver.proxy.BoundedCapture;
import org.sild.securityserver.proxy.FaultResponses;
import org.sild.securityserver.proxy.Headers;
import org.sild.securityserver.proxy.IncomingParts;
import org.sild.securityserver.proxy.ProxyFaults;
import org.sild.securityserver.proxy.SignedParts;
import org.sild.securityserver.proxy.SourceInput;
import org.sild.securityserver.proxy.Spools;
import org.sild.securityserver.serverconf.LocalService;

/**
 * The provider side of a REST exchange (digest 02, 03 §7), as one sequence of steps in {@link #run}.
 * Faults before the response starts propagate (the {@link ServerProxy} answers with a whole-body
 * SOAP fault, which the consumer turns into a REST error); once the signed response is streaming, a
 * failure ends it with a fault part.
 *
 * <p>Stateless and thread-safe; each call runs on the request's (virtual) thread.
 */
final class RestExchange {

    private final ProviderSteps steps;
    private final ProxyToProvider proxyToProvider;
    private final FaultResponses faults;
    private final OwnServices own;

    RestExchange(ProviderSteps steps, ProxyToProvider proxyToProvider, FaultResponses faults, OwnServices own) {
        this.steps = steps;
        this.proxyToProvider = proxyToProvider;
        this.faults = faults;
        this.own = own;
    }

    /** The request as far as its header part, checked when it arrives. */
    private final class Received {
        private Optional<RestRequest> rest = Optional.empty();
        private Optional<SecurityServerId> consumer = Optional.empty();

        void onHeaderPart(IncomingParts parts, GlobalConf conf, List<X509Certificate> peer) {
            RestRequest request = RestRequest.parse(parts.rest().orElseThrow());
            steps.checkSecurityServer(request.targetServer());
            steps.requireRegisteredProvider(request.service().provider());
            consumer = Optional.of(steps.authenticateClient(conf, peer, parts.ocspResponses(), request.client()));
            rest = Optional.of(request);
        }
    }

    /** Handles one REST request from a consumer security server; the response is sent when this returns. */
    void run(Request request, Response response, Callback callback, Spools spools, OpRecord op) {
        steps.requirePost(request);
        GlobalConf conf = steps.globalConf();
        steps.checkClientVersion(request);
        List<X509Certificate> peer = steps.peer(request);
        var received = new Received();
        var parts = new IncomingParts(spools, steps.settings.maxSoapBytes(), p -> received.onHeaderPart(p, conf, peer));
        TransportMessage transport = steps.decode(request, parts);                       // proxyToProxy
        RestRequest rest = received.rest.orElseThrow(() -> new XRoadException(ErrorCode.MISSING_REST,
                "Request does not have REST message"));
        transport.requireComplete(MessageType.REST);
        long bodySize = parts.restBody().map(b -> b.body().size()).orElse(0L);
        op.rest(rest).requestSizes(bodySize, rest.headerPart().length + bodySize, 0);
        steps.recordAddresses(conf, received.consumer, op);
        if (own.findUsage().filter(f -> f.serves(rest.service())).isPresent()) {
            serveFindUsage(response, callback, conf, transport, parts, rest, op);
            return;
        }
        Optional<Metaservices> meta = own.metaservices().filter(m -> Metaservices.restService(rest).isPresent());
        if (meta.isPresent()) {                                    // answered here, without access rights
            op.answeredLocally().serviceType("REST");
            steps.verifyRequest(conf, transport, rest.headerPart(), rest.client());
            steps.log(record(rest, rest.headerPart(), false, loggable(parts), SignedParts.signatureOf(transport)));
            String requestHash = RestRequestHash.of(rest.headerPart(), bodySha512(parts, transport));
            Metaservices.Answer answer = meta.get().answer(rest, steps.grants(conf));
            try (var local = new ProxyToProvider.Answer(200, "OK", HttpFields.build()
                    .put(org.eclipse.jetty.http.HttpHeader.CONTENT_TYPE, answer.contentType()),
                    new ByteArrayInputStream(answer.body()))) {
                respond(response, callback, rest, reply(local, rest, requestHash), local, op, Optional.empty(), conf);
            }
            return;
        }
        LocalService service = steps.authorize(conf, rest.service(), rest.client(), MessageType.REST,
                Optional.of(new AccessControl.RestCall(rest.method().name(), rest.servicePath())));
        op.serviceType(service.type().name());
        steps.verifyRequest(conf, transport, rest.headerPart(), rest.client());
        steps.log(record(rest, rest.headerPart(), false, loggable(parts), SignedParts.signatureOf(transport)));
        String requestHash = RestRequestHash.of(rest.headerPart(), bodySha512(parts, transport));
        Optional<Usage> usage = usage(rest, parts);
        op.requestOut(steps.now().toEpochMilli());
        try (ProxyToProvider.Answer answer = callProvider(service, rest, parts)) {                 // proxyToProvider
            op.responseIn(steps.now().toEpochMilli()).statusCode(answer.status());
            RestResponse reply = reply(answer, rest, requestHash);
            respond(response, callback, rest, reply, answer, op, usage, conf);
        }
    }

    /**
     * Answers the Data Tracker's findUsage of a subsystem with declarations: access-checked like a
     * service, verified, logged and signed like any answer; the status is findUsage's own.
     */
    private void serveFindUsage(Response response, Callback callback, GlobalConf conf, TransportMessage transport,
            IncomingParts parts, RestRequest rest, OpRecord op) {
        steps.requireAccess(conf, rest.service(), rest.client(),
                Optional.of(new AccessControl.RestCall(rest.method().name(), rest.servicePath())));
        steps.verifyRequest(conf, transport, rest.headerPart(), rest.client());
        steps.log(record(rest, rest.headerPart(), false, loggable(parts), SignedParts.signatureOf(transport)));
        String requestHash = RestRequestHash.of(rest.headerPart(), bodySha512(parts, transport));
        op.requestOut(steps.now().toEpochMilli());
        FindUsage.Answer answer = own.findUsage().orElseThrow().answer(rest);
        op.responseIn(steps.now().toEpochMilli()).statusCode(answer.status());
        try (var local = new ProxyToProvider.Answer(answer.status(), HttpStatus.getMessage(answer.status()),
                HttpFields.build().put(org.eclipse.jetty.http.HttpHeader.CONTENT_TYPE, answer.contentType()),
                new ByteArrayInputStream(answer.body()))) {
            respond(response, callback, rest, reply(local, rest, requestHash), local, op, Optional.empty(), conf);
        }
    }

    /** The request to the information system: base URL + service path + query, the signed headers, the body. */
    private ProxyToProvider.Answer callProvider(LocalService service, RestRequest rest, IncomingParts parts) {
        URI uri = target(service, rest);
        var headers = new ArrayList<>(rest.headers());
        Optional<IncomingParts.Part> body = parts.restBody();
        body.ifPresent(b -> headers.add(new HttpHeader("Content-Length", Long.toString(b.body().size()))));
        Optional<String> contentType = RestHeaders.last(rest.headers(), "Content-Type");
        return proxyToProvider.call(service, steps.isCertificates(service.id().provider()), rest.method().name(), uri,
                headers, contentType, body.map(b -> out -> {
                    try (InputStream in = b.body().open()) {
                        in.transferTo(out);
                    }
                }));
    }

    private static URI target(LocalService service, RestRequest rest) {
        String base = service.url().toString();
        String path = rest.servicePath();
        String address = base.endsWith("/") && path.startsWith("/") ? base + path.substring(1) : base + path;
        address += rest.query().map(q -> "?" + q).orElse("");
        try {
            return URI.create(address);
        } catch (IllegalArgumentException e) {
            throw new XRoadException(ErrorCode.SERVICE_MALFORMED_URL, "Malformed service address '" + address + "'");
        }
    }

    /** The answer as the signed REST response part ({@code ServiceFailed.*} if it cannot be one). */
    private static RestResponse reply(ProxyToProvider.Answer answer, RestRequest rest, String requestHash) {
        try {
            return RestResponse.fromProvider(answer.status(), answer.reason(), Headers.restHeaders(answer.headers()),
                    rest, requestHash);
        } catch (XRoadException e) {
            throw ProxyFaults.serviceFailed(e);
        }
    }

    /** Streams the signed answer back; a failure once it started ends the message with a fault part. */
    private void respond(Response response, Callback callback, RestRequest rest, RestResponse reply,
            ProxyToProvider.Answer answer, OpRecord op, Optional<Usage> usage, GlobalConf conf) {
        OutputStream out = new BufferedOutputStream(Content.Sink.asOutputStream(response), 64 * 1024);
        var encoder = new TransportEncoder(out, steps.settings.hashAlgorithm(), steps.random);
        steps.startResponse(response, encoder, Optional.empty());
        try {
            encoder.restResponse(reply.headerPart());
            Optional<BoundedCapture> body = streamBody(encoder, usage.map(u -> u.response(answer.body()))
                    .orElse(answer.body()));
            long size = body.map(BoundedCapture::count).orElse(0L);
            op.responseSizes(size, reply.headerPart().length + size, 0);
            SignatureData signature = steps.sign(rest.service().provider(),
                    SignedParts.of(reply.headerPart(), encoder.partDigests()));
            steps.log(record(rest, reply.headerPart(), true, body.flatMap(BoundedCapture::captured), signature),
                    usageRecords(usage, conf, rest, reply.status() < 400));
            steps.writeSignature(encoder, signature);
        } catch (RuntimeException e) {
            if (!ServerProxy.endWithFault(encoder, faults, e, "REST " + rest.messageId())) {
                callback.failed(e);
                return;
            }
        }
        ServerProxy.complete(out, callback);
    }

    private Optional<BoundedCapture> streamBody(TransportEncoder encoder, InputStream answerBody) {
        var in = new PushbackInputStream(new SourceInput(answerBody, "the service", ErrorCode.SERVICE_FAILED), 1);
        try {
            int first = in.read();
            if (first < 0) {
                return Optional.empty();
            }
            in.unread(first);
        } catch (IOException e) {
            throw ProxyFaults.serviceFailed(e);
        }
        var body = new BoundedCapture(in, steps.settings.maxLoggedRestBodyBytes());
        encoder.restBody(body);
        return Optional.of(body);
    }

    /** Issue 7: the personal data usage of the exchange when its service is declared (one map lookup when not). */
    private Optional<Usage> usage(RestRequest rest, IncomingParts parts) {
        return own.dataTracker().flatMap(t -> t.rest(rest, parts.restBody().map(b -> new DataTracker.RequestBody(
                b.body().size(), b.body()::open))));
    }

    /**
     * The usage records, stored with the message log's response record before the signature completes
     * the response: a store failure ends the response with a fault part, as a message log failure does.
     */
    private static Optional<LinkedWrite> usageRecords(Optional<Usage> usage, GlobalConf conf, RestRequest rest,
            boolean succeeded) {
        return usage.flatMap(u -> u.records(conf.instanceOf(rest.client()).flatMap(i -> i.memberName(rest.client())),
                succeeded));
    }

    /** SHA-512 of the request body, for the request hash: the part digest when it is SHA-512, else computed. */
    private static Optional<byte[]> bodySha512(IncomingParts parts, TransportMessage transport) {
        if (parts.restBody().isEmpty()) {
            return Optional.empty();
        }
        Optional<PartDigest> digest = transport.partDigests().stream()
                .filter(d -> d.name().equals(PartDigest.attachment(1)))
                .filter(d -> DigestAlgorithm.byName(d.algorithm()).filter(a -> a == DigestAlgorithm.SHA512).isPresent())
                .findFirst();
        if (digest.isPresent()) {
            return Optional.of(digest.get().digest());
        }
        var md = DigestAlgorithm.SHA512.newDigest();
        try (InputStream in = parts.restBody().get().body().open()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                md.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw ProxyFaults.translate(e);
        }
        return Optional.of(md.digest());
    }

    private Optional<byte[]> loggable(IncomingParts parts) {
        Optional<IncomingParts.Part> body = parts.restBody();
        if (body.isEmpty() || body.get().body().size() > steps.settings.maxLoggedRestBodyBytes()) {
            return Optional.empty();
        }
        try (InputStream in = body.get().body().open()) {
            return Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw ProxyFaults.translate(e);
        }
    }

    private LogRecord record(RestRequest rest, byte[] message, boolean response, Optional<byte[]> body,
            SignatureData signature) {
        return new LogRecord(rest.messageId(), rest.requestId(), rest.client(), rest.service(), response,
                MessageType.REST, message, body, signature, steps.now());
    }
}
