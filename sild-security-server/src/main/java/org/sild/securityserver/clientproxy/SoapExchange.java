package org.sild.securityserver.clientproxy;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.multipart.ContentType;
import org.sild.core.multipart.MimeHeaders;
import org.sild.core.multipart.MultipartWriter;
import org.sild.core.soap.Attachment;
import org.sild.core.soap.SoapAction;
import org.sild.core.soap.SoapEnvelope;
import org.sild.core.soap.SoapFaultMessage;
import org.sild.core.soap.SoapMessage;
import org.sild.core.soap.SoapPackage;
import org.sild.core.soap.SoapPackageWriter;
import org.sild.core.soap.SoapParser;
import org.sild.core.transport.MessageType;
import org.sild.core.transport.TransportEncoder;
import org.sild.core.transport.TransportHeaders;
import org.sild.core.transport.TransportMessage;
import org.sild.securityserver.globalconf.GlobalConf;
import org.sild.securityserver.messagelog.LogRecord;
import org.sild.securityserver.opmonitor.OpRecord;
import org.sild.securityserver.proxy.FaultResponses;
import org.sild.securityserver.proxy.Headers;
import org.sild.securityserver.proxy.IncomingParts;
import org.sild.securityserver.proxy.ProxyFaults;
import org.sild.securityserver.proxy.SignedParts;
import org.sild.securityserver.proxy.SourceInput;
import org.sild.securityserver.proxy.Spools;
import org.sild.securityserver.serverconf.LocalClient;
import org.sild.core.signature.SignatureData;

/**
 * The consumer side of a SOAP exchange (PR-MESS; digest 01 §2.11), as one sequence of steps in
 * {@link #run}. Faults are bare or {@code Client.*} codes; the {@link ClientProxy} completes them.
 *
 * <p>Stateless and thread-safe; each call runs on the request's (virtual) thread.
 */
final class SoapExchange {

    private final ConsumerSteps steps;
    private final SoapParser parser;
    private final FaultResponses faults;

    SoapExchange(ConsumerSteps steps, SoapParser parser, FaultResponses faults) {
        this.steps = steps;
        this.parser = parser;
        this.faults = faults;
    }

    /** Handles one SOAP request from an information system; the response is sent when this returns. */
    void run(Request request, Response response, Callback callback, OpRecord op) {
        try (Spools spools = Spools.of(steps.settings)) {
            SoapPackage message = parse(request);                                     // consumerToProxy
            SoapMessage soap = message.message().orElseThrow();
            op.soap(soap.header());
            Optional<String> soapAction = soapAction(request);
            LocalClient client = steps.requireRegisteredClient(soap.header().client());
            steps.authenticateIs(request, client);
            GlobalConf conf = steps.globalConf();
            var provider = soap.header().service().provider();
            var servers = steps.providerServers(conf, provider, soap.header().securityServer());
            String requestId = UUID.randomUUID().toString();
            op.xRequestId(requestId).requestOut(steps.now().toEpochMilli());
            var out = new DeferredOutputStream();
            var encoder = new TransportEncoder(out, steps.settings.hashAlgorithm(), steps.random);
            TransportHeaders headers = transportHeaders(encoder, requestId, message, soapAction);
            try (ProviderConnection connection = steps.connect(conf, servers, provider, headers)) {   // proxyToProxy
                out.attach(connection.body());
                op.securityServerAddresses(steps.ownAddress(conf), Optional.of(connection.endpoint().host()));
                int attachments = streamRequest(encoder, message, soap);
                op.requestSizes(soap.size(), Math.max(request.getLength(), soap.size()), attachments);
                SignatureData signature = steps.sign(soap.header().client(),
                        SignedParts.of(soap.bytes(), encoder.partDigests()));
                steps.log(record(soap, requestId, false, signature));                 // before the signature leaves
                steps.writeSignature(encoder, signature);
                ProviderConnection.Answer answer = connection.finish();
                op.responseIn(steps.now().toEpochMilli());
                var parts = IncomingParts.collecting(spools, steps.settings.maxSoapBytes());
                TransportMessage transport = steps.receive(answer, parts);
                Optional<byte[]> fault = transport.fault();
                if (fault.isPresent()) {
                    relayFault(response, callback, fault.get(), answer.headers().get(HttpHeader.CONTENT_TYPE), op);
                    return;
                }
                SoapEnvelope envelope = responseEnvelope(transport, parts);
                if (envelope instanceof SoapFaultMessage relayed) {
                    relayFault(response, callback, relayed.bytes(), relayed.contentType(), op);
                    return;
                }
                SoapMessage reply = (SoapMessage) envelope;
                steps.verifyResponse(conf, transport, reply.bytes(), provider);
                checkConsistency(soap, reply);
                steps.log(record(reply, requestId, true, SignedParts.signatureOf(transport)));
                op.responseSizes(reply.size(), reply.size() + parts.attachments().stream()
                        .mapToLong(a -> a.body().size()).sum(), parts.attachments().size());
                respond(response, callback, reply, parts, transport.messageHeaders().orElse(MimeHeaders.empty()),
                        Optional.ofNullable(answer.headers().get(TransportHeaders.ORIGINAL_CONTENT_TYPE)));
            }
        }
    }

    /** The request: a SOAP envelope or package, by X-Road's rules ({@code Client.*}). */
    private SoapPackage parse(Request request) {
        try {
            if (!"POST".equalsIgnoreCase(request.getMethod())) {
                throw new XRoadException(ErrorCode.INVALID_HTTP_METHOD, "Must use POST request method instead of "
                        + request.getMethod());
            }
            String contentType = Optional.ofNullable(request.getHeaders().get(HttpHeader.CONTENT_TYPE)).orElse("");
            var body = new SourceInput(Content.Source.asInputStream(request), "the client", ErrorCode.CLIENT);
            return parser.readRequest(body, contentType);
        } catch (XRoadException e) {
            throw ProxyFaults.prefixed(e, ErrorCode.CLIENT);
        }
    }

    private static Optional<String> soapAction(Request request) {
        try {
            return SoapAction.check(Optional.ofNullable(request.getHeaders().get("SOAPAction")));
        } catch (XRoadException e) {
            throw ProxyFaults.prefixed(e, ErrorCode.CLIENT);
        }
    }

    private TransportHeaders transportHeaders(TransportEncoder encoder, String requestId, SoapPackage message,
            Optional<String> soapAction) {
        var builder = steps.transportHeaders(encoder, requestId).originalContentType(message.contentType())
                .messageType(MessageType.SOAP);
        soapAction.ifPresent(builder::originalSoapAction);
        return builder.build();
    }

    /** OCSP parts, the SOAP part with the information system's MIME headers, then the attachments as they arrive. */
    private int streamRequest(TransportEncoder encoder, SoapPackage message, SoapMessage soap) {
        steps.writeOcsp(encoder);
        MimeHeaders partHeaders = message.isMultipart() ? message.soapPartHeaders()
                : MimeHeaders.of("Content-Type", soap.contentType());
        encoder.soap(partHeaders.without("Content-Length"), soap.openStream());
        int count = 0;
        for (Optional<Attachment> a = nextAttachment(message); a.isPresent(); a = nextAttachment(message)) {
            encoder.attachment(a.get().headers(), a.get().body());
            count++;
        }
        return count;
    }

    private static Optional<Attachment> nextAttachment(SoapPackage message) {
        try {
            return message.nextAttachment();
        } catch (XRoadException e) {
            throw ProxyFaults.prefixed(e, ErrorCode.CLIENT);
        }
    }

    /**
     * The SOAP part of the answer, which the provider may have used to send a fault (a fault is not
     * signed). A missing part or signature is {@code MissingSoap}/{@code MissingSignature}, an
     * unparsable envelope {@code ServiceFailed.*}.
     */
    private SoapEnvelope responseEnvelope(TransportMessage transport, IncomingParts parts) {
        if (parts.soap().isEmpty()) {
            transport.requireComplete(MessageType.SOAP);
        }
        String type = transport.messageHeaders().flatMap(h -> h.first("Content-Type")).orElse("text/xml");
        SoapEnvelope envelope;
        try {
            envelope = parser.parse(new ByteArrayInputStream(parts.soap().orElseThrow()), type);
        } catch (XRoadException e) {
            throw ProxyFaults.serviceFailed(e);
        }
        if (envelope instanceof SoapMessage) {
            transport.requireComplete(MessageType.SOAP);
        }
        return envelope;
    }

    /** The answer must echo the request's headers ({@code ServiceFailed.InconsistentResponse}) and carry its hash. */
    private static void checkConsistency(SoapMessage request, SoapMessage reply) {
        try {
            request.header().checkConsistentResponse(reply.header());
        } catch (XRoadException e) {
            throw new XRoadException(ErrorCode.INCONSISTENT_RESPONSE, "Response from server proxy is not consistent "
                    + "with request: " + e.getMessage(), e).withPrefix(ErrorCode.SERVICE_FAILED);
        }
        request.checkResponseHash(reply);
    }

    private LogRecord record(SoapMessage soap, String requestId, boolean response, SignatureData signature) {
        return new LogRecord(soap.header().id(), requestId, soap.header().client(), soap.header().service(), response,
                MessageType.SOAP, soap.bytes(), Optional.empty(), signature, steps.now());
    }

    /** Relays a fault the provider side sent, unchanged (HTTP 200). */
    private void relayFault(Response response, Callback callback, byte[] xml, String contentType, OpRecord op) {
        Optional<SoapEnvelope> parsed = tryParse(xml, contentType);
        if (parsed.isEmpty() || !(parsed.get() instanceof SoapFaultMessage fault)) {
            throw new XRoadException(ErrorCode.INVALID_MESSAGE, "Expected fault message, but got regular SOAP message")
                    .withPrefix(ErrorCode.SERVICE_FAILED);
        }
        op.fault(fault.fault().faultCode(), fault.fault().faultString()).responseSizes(xml.length, xml.length, 0);
        faults.relayedSoapFault(response, callback, xml, "text/xml; charset=" + fault.charset().name());
    }

    private Optional<SoapEnvelope> tryParse(byte[] xml, String contentType) {
        try {
            String type = contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).contains("xml")
                    ? "text/xml" : contentType;
            return Optional.of(parser.parse(new ByteArrayInputStream(xml), type));
        } catch (XRoadException e) {
            return Optional.empty();
        }
    }

    /** Returns the verified answer to the information system: the envelope, or the package with its attachments. */
    private static void respond(Response response, Callback callback, SoapMessage reply, IncomingParts parts,
            MimeHeaders soapPartHeaders, Optional<String> originalContentType) {
        Optional<ContentType> original = originalContentType.map(ContentType::parse);
        boolean multipart = !parts.attachments().isEmpty() || original.filter(ContentType::isMultipart).isPresent();
        response.setStatus(200);
        if (!multipart) {
            String type = originalContentType.orElse(reply.contentType());
            byte[] bytes = reply.bytes();
            response.getHeaders().put(Headers.contentType(type));
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
            response.write(true, ByteBuffer.wrap(bytes), callback);
            return;
        }
        String boundary = original.flatMap(ContentType::boundary)
                .orElseGet(() -> MultipartWriter.newBoundary("xroad", new java.util.Random()));
        String type = original.filter(t -> t.boundary().isPresent()).map(t -> originalContentType.get())
                .orElseGet(() -> SoapPackageWriter.contentType(boundary, false));
        response.getHeaders().put(Headers.contentType(type));
        try (OutputStream out = new BufferedOutputStream(Content.Sink.asOutputStream(response), 64 * 1024)) {
            var writer = new SoapPackageWriter(out, boundary);
            writer.soap(reply, soapPartHeaders.without("Content-Length"));
            for (IncomingParts.Part a : parts.attachments()) {
                try (InputStream body = a.body().open()) {
                    writer.attachment(a.headers(), body);
                }
            }
            writer.finish();
        } catch (IOException e) {
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }

}
