package org.sild.securityserver.clientproxy;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.rest.HttpHeader;
import org.sild.core.rest.RestError;
import org.sild.core.rest.RestRequest;
import org.sild.core.rest.RestRequestHash;
import org.sild.core.rest.RestResponse;
import org.sild.core.signature.SignatureData;
import org.sild.core.soap.SoapEnvelope;
import org.sild.core.soap.SoapFaultMessage;
import org.sild.core.soap.SoapParser;
import org.sild.core.transport.MessageType;
import org.sild.core.transport.TransportEncoder;
import org.sild.core.transport.TransportHeaders;
import org.sild.core.transport.TransportMessage;
import org.sild.securityserver.globalconf.GlobalConf;
import org.sild.securityserver.messagelog.LogRecord;
import org.sild.securityserver.opmonitor.OpRecord;
import org.sild.securityserver.proxy.BoundedCapture;
import org.sild.securityserver.proxy.FaultResponses;
import org.sild.securityserver.proxy.Headers;
import org.sild.securityserver.proxy.IncomingParts;
import org.sild.securityserver.proxy.ProxyFaults;
import org.sild.securityserver.proxy.SignedParts;
import org.sild.securityserver.proxy.SourceInput;
import org.sild.securityserver.proxy.Spools;
import org.sild.securityserver.serverconf.LocalClient;

/**
 * The consumer side of a REST exchange (PR-REST; digest 02), as one sequence of steps in
 * {@link #run}. Faults are bare or {@code Client.*} codes; the {@link ClientProxy} completes them
 * and renders them as REST errors.
 *
 * <p>Stateless and thread-safe; each call runs on the request's (virtual) thread.
 */
final class RestExchange {

    private final ConsumerSteps steps;
    private final SoapParser faultParser;
    private final FaultResponses faults;

    RestExchange(ConsumerSteps steps, SoapParser faultParser, FaultResponses faults) {
        this.steps = steps;
        this.faultParser = faultParser;
        this.faults = faults;
    }

    /** Handles one REST request from an information system; the response is sent when this returns. */
    void run(Request request, Response response, Callback callback, OpRecord op) {
        try (Spools spools = Spools.of(steps.settings)) {
            String requestId = UUID.randomUUID().toString();
            RestRequest rest = parse(request, requestId);                                 // consumerToProxy
            op.rest(rest).serviceType("REST").requestOut(steps.now().toEpochMilli());
            LocalClient client = steps.requireRegisteredClient(rest.client());
            steps.authenticateIs(request, client);
            GlobalConf conf = steps.globalConf();
            var provider = rest.service().provider();
            var servers = steps.providerServers(conf, provider, rest.targetServer());
            var out = new DeferredOutputStream();
            var encoder = new TransportEncoder(out, steps.settings.hashAlgorithm(), steps.random);
            TransportHeaders headers = steps.transportHeaders(encoder, requestId).messageType(MessageType.REST).build();
            try (ProviderConnection connection = steps.connect(conf, servers, provider, headers)) {   // proxyToProxy
                out.attach(connection.body());
                op.securityServerAddresses(steps.ownAddress(conf), Optional.of(connection.endpoint().host()));
                steps.writeOcsp(encoder);
                encoder.restRequest(rest.headerPart());
                Optional<BoundedCapture> body = streamBody(encoder, request);
                long size = body.map(BoundedCapture::count).orElse(0L);
                op.requestSizes(size, rest.headerPart().length + size, 0);
                SignatureData signature = steps.sign(rest.client(),
                        SignedParts.of(rest.headerPart(), encoder.partDigests()));
                steps.log(record(rest, rest.headerPart(), false, body.flatMap(BoundedCapture::captured), signature));
                steps.writeSignature(encoder, signature);
                ProviderConnection.Answer answer = connection.finish();
                op.responseIn(steps.now().toEpochMilli());
                var parts = IncomingParts.collecting(spools, steps.settings.maxSoapBytes());
                TransportMessage transport = steps.receive(answer, parts);
                if (transport.fault().isPresent()) {
                    relayFault(request, response, callback, transport.fault().get(), op);
                    return;
                }
                RestResponse reply = responsePart(transport, parts);
                steps.verifyResponse(conf, transport, reply.headerPart(), provider);
                reply.checkAnswers(rest, RestRequestHash.of(rest.headerPart(), body.map(BoundedCapture::sha512)));
                steps.log(record(rest, reply.headerPart(), true, loggable(parts), SignedParts.signatureOf(transport)));
                long replySize = parts.restBody().map(b -> b.body().size()).orElse(0L);
                op.statusCode(reply.status()).responseSizes(replySize, reply.headerPart().length + replySize, 0);
                respond(response, callback, reply, parts.restBody());
            }
        }
    }

    /** The request as X-Road REST r1 ({@code Client.*}). */
    private RestRequest parse(Request request, String requestId) {
        try {
            var uri = request.getHttpURI();
            return RestRequest.fromClient(request.getMethod(), uri.getPath(), Optional.ofNullable(uri.getQuery()),
                    Headers.restHeaders(request.getHeaders()), requestId,
                    () -> steps.ownInstance() + "-" + UUID.randomUUID());
        } catch (XRoadException e) {
            throw ProxyFaults.prefixed(e, ErrorCode.CLIENT);
        }
    }

    /** The body as it arrives, if there is one, digested for the request hash and captured for the log if small. */
    private Optional<BoundedCapture> streamBody(TransportEncoder encoder, Request request) {
        var in = new PushbackInputStream(new SourceInput(Content.Source.asInputStream(request), "the client",
                ErrorCode.CLIENT), 1);
        try {
            int first = in.read();
            if (first < 0) {
                return Optional.empty();
            }
            in.unread(first);
        } catch (IOException e) {
            throw ProxyFaults.prefixed(ProxyFaults.translate(e), ErrorCode.CLIENT);
        }
        var body = new BoundedCapture(in, steps.settings.maxLoggedRestBodyBytes());
        encoder.restBody(body);
        return Optional.of(body);
    }

    /**
     * The REST response part ({@code MissingRest}, {@code MissingSignature}; unreadable:
     * {@code ServiceFailed.InvalidRest}).
     */
    private static RestResponse responsePart(TransportMessage transport, IncomingParts parts) {
        transport.requireComplete(MessageType.REST);
        try {
            return RestResponse.parse(parts.rest().orElseThrow());
        } catch (XRoadException e) {
            throw ProxyFaults.serviceFailed(e);
        }
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

    /** A fault of the provider side becomes a REST error with the fault's code, string and detail. */
    private void relayFault(Request request, Response response, Callback callback, byte[] xml, OpRecord op) {
        SoapEnvelope envelope;
        try {
            envelope = faultParser.parse(new ByteArrayInputStream(xml), "text/xml");
        } catch (XRoadException e) {
            throw ProxyFaults.serviceFailed(e);
        }
        if (!(envelope instanceof SoapFaultMessage fault)) {
            throw new XRoadException(ErrorCode.INVALID_MESSAGE, "Expected fault message, but got regular SOAP message")
                    .withPrefix(ErrorCode.SERVICE_FAILED);
        }
        FaultCode code;
        try {
            code = FaultCode.parse(fault.fault().faultCode());
        } catch (IllegalArgumentException e) {
            throw new XRoadException(ErrorCode.INVALID_MESSAGE, "the provider's fault has an unusable code")
                    .withPrefix(ErrorCode.SERVICE_FAILED);
        }
        op.fault(fault.fault().faultCode(), fault.fault().faultString()).responseSizes(xml.length, xml.length, 0);
        String detail = fault.fault().faultDetail().orElseGet(faults::newDetail);
        faults.restError(request, response, callback, new RestError(code, fault.fault().faultString(), detail));
    }

    /** The provider's status, headers (with the X-Road headers) and body, to the information system. */
    private static void respond(Response response, Callback callback, RestResponse reply,
            Optional<IncomingParts.Part> body) {
        response.setStatus(reply.status());
        for (HttpHeader h : reply.headers()) {
            if (h.is("Date")) {
                response.getHeaders().put(h.name(), h.value());
            } else {
                response.getHeaders().add(h.name(), h.value());
            }
        }
        if (body.isEmpty()) {
            response.write(true, null, callback);
            return;
        }
        response.getHeaders().put(org.eclipse.jetty.http.HttpHeader.CONTENT_LENGTH, body.get().body().size());
        try (InputStream in = body.get().body().open();
                OutputStream out = new BufferedOutputStream(Content.Sink.asOutputStream(response), 64 * 1024)) {
            in.transferTo(out);
        } catch (IOException e) {
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }
}
