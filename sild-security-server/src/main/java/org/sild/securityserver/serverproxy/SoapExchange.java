package org.sild.securityserver.serverproxy;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.multipart.ContentType;
import org.sild.core.multipart.MimeHeaders;
import org.sild.core.rest.HttpHeader;
import org.sild.core.signature.SignatureData;
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
import org.sild.securityserver.datatracker.Usage;
import org.sild.securityserver.envmonitor.EnvMonitor;
import org.sild.securityserver.globalconf.GlobalConf;
import org.sild.securityserver.messagelog.LinkedWrite;
import org.sild.securityserver.messagelog.LogRecord;
import org.sild.securityserver.metadata.Metaservices;
import org.sild.securityserver.opmonitor.MonitoringServices;
import org.sild.securityserver.opmonitor.OpRecord;
import org.sild.securityserver.proxy.FaultResponses;
import org.sild.securityserver.proxy.IncomingParts;
import org.sild.securityserver.proxy.ProxyFaults;
import org.sild.securityserver.proxy.SignedParts;
import org.sild.securityserver.proxy.SourceInput;
import org.sild.securityserver.proxy.Spools;
import org.sild.securityserver.serverconf.LocalService;

/**
 * The provider side of a SOAP exchange (digest 03 §7), as one sequence of steps in {@link #run}.
 * Faults before the response starts propagate (the {@link ServerProxy} answers with a whole-body
 * SOAP fault); once the signed response is streaming, a failure ends it with a fault part.
 *
 * <p>Stateless and thread-safe; each call runs on the request's (virtual) thread.
 */
final class SoapExchange {

    private final ProviderSteps steps;
    private final SoapParser parser;
    private final ProxyToProvider proxyToProvider;
    private final FaultResponses faults;
    private final OwnServices own;

    SoapExchange(ProviderSteps steps, SoapParser parser, ProxyToProvider proxyToProvider, FaultResponses faults,
            OwnServices own) {
        this.steps = steps;
        this.parser = parser;
        this.proxyToProvider = proxyToProvider;
        this.faults = faults;
        this.own = own;
    }

    /** The request as far as its header, checked when the SOAP part arrives. */
    private final class Received {
        private Optional<SoapMessage> soap = Optional.empty();
        private Optional<SecurityServerId> consumer = Optional.empty();

        void onSoapPart(IncomingParts parts, GlobalConf conf, List<X509Certificate> peer) {
            String type = parts.soapHeaders().flatMap(h -> h.first("Content-Type")).orElse("text/xml");
            SoapEnvelope envelope = parser.parse(new ByteArrayInputStream(parts.soap().orElseThrow()), type);
            if (envelope instanceof SoapMessage message) {
                steps.checkSecurityServer(message.header().securityServer());
                steps.requireRegisteredProvider(message.header().service().provider());
                consumer = Optional.of(steps.authenticateClient(conf, peer, parts.ocspResponses(),
                        message.header().client()));
                soap = Optional.of(message);
            }
        }
    }

    /** Handles one SOAP request from a consumer security server; the response is sent when this returns. */
    void run(Request request, Response response, Callback callback, Spools spools, OpRecord op) {
        steps.requirePost(request);
        GlobalConf conf = steps.globalConf();
        steps.checkClientVersion(request);
        Optional<String> soapAction = soapAction(request);
        List<X509Certificate> peer = steps.peer(request);
        var received = new Received();
        var parts = new IncomingParts(spools, steps.settings.maxSoapBytes(), p -> received.onSoapPart(p, conf, peer));
        TransportMessage transport = steps.decode(request, parts);                       // proxyToProxy
        SoapMessage soap = received.soap.orElseThrow(() -> new XRoadException(ErrorCode.MISSING_SOAP,
                "Request does not have SOAP message"));
        transport.requireComplete(MessageType.SOAP);
        op.soap(soap.header()).requestSizes(soap.size(), soap.size() + attachmentBytes(parts), parts.attachments().size());
        Optional.ofNullable(request.getHeaders().get(TransportHeaders.REQUEST_ID)).ifPresent(op::xRequestId);
        steps.recordAddresses(conf, received.consumer, op);
        if (own.monitoring().isPresent() && MonitoringServices.claims(soap.header().service(), steps.serverConf.identity())) {
            serveMonitoring(request, response, callback, conf, transport, soap, op);
            return;
        }
        if (own.envMonitor().isPresent() && EnvMonitor.claims(soap.header().service(), steps.serverConf.identity())) {
            serveMetrics(request, response, callback, conf, transport, soap, op);
            return;
        }
        var client = soap.header().client();
        if (own.findUsage().filter(f -> f.serves(soap.header().service())).isPresent()) {
            serveFindUsage(request, response, callback, conf, transport, soap, op);
            return;
        }
        Optional<Metaservices> meta = own.metaservices().filter(m -> Metaservices.soapService(soap).isPresent());
        if (meta.isPresent()) {                                    // answered here, without access rights
            op.answeredLocally();
            steps.verifyRequest(conf, transport, soap.bytes(), client);
            steps.log(record(soap, request, false, SignedParts.signatureOf(transport)));
            Metaservices.Answer answer = meta.get().answer(soap, steps.grants(conf));
            SoapPackage reply = parser.read(new ByteArrayInputStream(answer.body()), answer.contentType());
            respond(request, response, callback, soap, reply, withRequestHash(reply, soap),
                    Optional.of(answer.contentType()), op, Optional::empty);
            return;
        }
        LocalService service = steps.authorize(conf, soap.header().service(), client, MessageType.SOAP,
                Optional.empty());
        op.serviceType(service.type().name());
        steps.verifyRequest(conf, transport, soap.bytes(), client);
        steps.log(record(soap, request, false, SignedParts.signatureOf(transport)));
        Optional<Usage> usage = usage(soap, request);
        op.requestOut(steps.now().toEpochMilli());
        var originalType = Optional.ofNullable(request.getHeaders().get(TransportHeaders.ORIGINAL_CONTENT_TYPE));
        try (var answer = callProvider(service, soap, parts, originalType, soapAction)) {          // proxyToProvider
            op.responseIn(steps.now().toEpochMilli());
            SoapPackage reply = readAnswer(answer);
            if (reply.soap() instanceof SoapFaultMessage fault) {
                op.fault(fault.fault().faultCode(), fault.fault().faultString()).responseSizes(fault.size(), fault.size(), 0);
                usageRecords(usage, conf, client, false).ifPresent(steps::store);
                faults.relayedSoapFault(response, callback, fault.bytes(), "text/xml; charset=" + fault.charset().name());
                return;
            }
            SoapMessage hashed = withRequestHash(reply, soap);
            respond(request, response, callback, soap, reply, hashed, answer.contentType(), op,
                    () -> usageRecords(usage, conf, client, true));
        }
    }

    private static Optional<String> soapAction(Request request) {
        return SoapAction.check(Optional.ofNullable(request.getHeaders().get(TransportHeaders.ORIGINAL_SOAP_ACTION)));
    }

    /** Restores the request as the client information system sent it: its Content-Type, SOAPAction and parts. */
    private ProxyToProvider.Answer callProvider(LocalService service, SoapMessage soap, IncomingParts parts,
            Optional<String> originalType, Optional<String> soapAction) {
        String type = originalType.orElse(soap.contentType());
        Optional<ContentType> multipart = Optional.of(type).map(ContentType::parse).filter(ContentType::isMultipart)
                .filter(t -> t.boundary().isPresent());
        List<HttpHeader> headers = soapAction.map(a -> List.of(new HttpHeader("SOAPAction", a))).orElse(List.of());
        return proxyToProvider.call(service, steps.isCertificates(service.id().provider()), "POST", service.url(), headers,
                Optional.of(type), Optional.of(out -> {
                    if (multipart.isEmpty()) {
                        soap.writeTo(out);
                        return;
                    }
                    var writer = new SoapPackageWriter(out, multipart.get().boundary().orElseThrow());
                    writer.soap(soap, parts.soapHeaders().orElse(MimeHeaders.empty()).without("Content-Length"));
                    for (IncomingParts.Part a : parts.attachments()) {
                        try (InputStream body = a.body().open()) {
                            writer.attachment(a.headers(), body);
                        }
                    }
                    writer.finish();
                }));
    }

    /** The information system's answer: HTTP status, content type and SOAP by X-Road's rules ({@code ServiceFailed.*}). */
    private SoapPackage readAnswer(ProxyToProvider.Answer answer) {
        try {
            if (!(answer.status() >= 200 && answer.status() < 300) && answer.status() != 500) {
                throw new XRoadException(ErrorCode.HTTP_ERROR, "Server responded with error " + answer.status() + ": "
                        + answer.reason());
            }
            String type = answer.contentType().orElseThrow(() -> new XRoadException(ErrorCode.INVALID_CONTENT_TYPE,
                    "Could not get content type from response"));
            return parser.read(new SourceInput(answer.body(), "the service", ErrorCode.SERVICE_FAILED), type);
        } catch (XRoadException e) {
            throw ProxyFaults.serviceFailed(e);
        }
    }

    /** The answer with the request's hash inserted after {@code id} ({@code ServiceFailed.*} if it cannot be). */
    private static SoapMessage withRequestHash(SoapPackage reply, SoapMessage request) {
        try {
            return reply.message().orElseThrow().withRequestHash(request.requestHash());
        } catch (XRoadException e) {
            throw ProxyFaults.serviceFailed(e);
        }
    }

    /** Streams the signed answer back; a failure once it started ends the message with a fault part. */
    private void respond(Request request, Response response, Callback callback, SoapMessage soapRequest,
            SoapPackage reply, SoapMessage hashed, Optional<String> answerType, OpRecord op,
            Supplier<Optional<LinkedWrite>> linked) {
        OutputStream out = new BufferedOutputStream(Content.Sink.asOutputStream(response), 64 * 1024);
        var encoder = new TransportEncoder(out, steps.settings.hashAlgorithm(), steps.random);
        steps.startResponse(response, encoder, answerType);
        try {
            MimeHeaders partHeaders = reply.isMultipart() ? reply.soapPartHeaders()
                    : MimeHeaders.of("Content-Type", hashed.contentType());
            encoder.soap(partHeaders.without("Content-Length"), hashed.openStream());
            int attachments = 0;
            for (Optional<Attachment> a = nextAttachment(reply); a.isPresent(); a = nextAttachment(reply)) {
                encoder.attachment(a.get().headers(),
                        new SourceInput(a.get().body(), "the service", ErrorCode.SERVICE_FAILED));
                attachments++;
            }
            op.responseSizes(hashed.size(), hashed.size(), attachments);
            SignatureData signature = steps.sign(hashed.header().service().provider(),
                    SignedParts.of(hashed.bytes(), encoder.partDigests()));
            steps.log(record(hashed, request, true, signature), linked.get());
            steps.writeSignature(encoder, signature);
        } catch (RuntimeException e) {
            if (!ServerProxy.endWithFault(encoder, faults, e, "SOAP " + soapRequest.header().id())) {
                callback.failed(e);
                return;
            }
        }
        ServerProxy.complete(out, callback);
    }

    private static Optional<Attachment> nextAttachment(SoapPackage reply) {
        try {
            return reply.nextAttachment();
        } catch (XRoadException e) {
            throw ProxyFaults.serviceFailed(e);
        }
    }

    /** Answers the Data Tracker's findUsage of a subsystem with declarations: access-checked, verified, logged, signed. */
    private void serveFindUsage(Request request, Response response, Callback callback, GlobalConf conf,
            TransportMessage transport, SoapMessage soap, OpRecord op) {
        steps.requireAccess(conf, soap.header().service(), soap.header().client(), Optional.empty());
        steps.verifyRequest(conf, transport, soap.bytes(), soap.header().client());
        steps.log(record(soap, request, false, SignedParts.signatureOf(transport)));
        op.requestOut(steps.now().toEpochMilli());
        byte[] envelope = own.findUsage().orElseThrow().answer(soap);
        op.responseIn(steps.now().toEpochMilli());
        String type = "text/xml; charset=UTF-8";
        SoapPackage reply = parser.read(new ByteArrayInputStream(envelope), type);
        respond(request, response, callback, soap, reply, withRequestHash(reply, soap), Optional.of(type), op,
                Optional::empty);
    }

    /**
     * Answers a monitoring service of this server (digest 06 §3.3): verified and logged like any
     * request, not ACL-checked (the answer is filtered by caller instead), signed by the owner.
     */
    private void serveMonitoring(Request request, Response response, Callback callback, GlobalConf conf,
            TransportMessage transport, SoapMessage soap, OpRecord op) {
        steps.verifyRequest(conf, transport, soap.bytes(), soap.header().client());
        steps.log(record(soap, request, false, SignedParts.signatureOf(transport)));
        op.requestOut(steps.now().toEpochMilli());
        MonitoringServices.Answer answer = own.monitoring().orElseThrow().answer(soap, steps.serverConf.identity(),
                conf.stored().monitoringClient());
        SoapMessage hashed = parser.parseRequest(new ByteArrayInputStream(answer.envelope()), "text/xml; charset=UTF-8")
                .withRequestHash(soap.requestHash());
        op.responseIn(steps.now().toEpochMilli());
        OutputStream out = new BufferedOutputStream(Content.Sink.asOutputStream(response), 64 * 1024);
        var encoder = new TransportEncoder(out, steps.settings.hashAlgorithm(), steps.random);
        steps.startResponse(response, encoder, Optional.empty());
        try {
            encoder.soap(MimeHeaders.of("Content-Type", hashed.contentType()), hashed.openStream());
            if (answer.records().isPresent()) {
                encoder.attachment(MimeHeaders.of("Content-Type", "application/gzip", "Content-Transfer-Encoding",
                        "binary", "Content-ID", "<" + MonitoringServices.RECORDS_CID + ">"),
                        new ByteArrayInputStream(answer.records().get()));
            }
            int size = answer.records().map(r -> r.length).orElse(0);
            op.responseSizes(hashed.size(), hashed.size() + size, answer.records().isPresent() ? 1 : 0);
            SignatureData signature = steps.sign(hashed.header().service().provider(),
                    SignedParts.of(hashed.bytes(), encoder.partDigests()));
            steps.log(record(hashed, request, true, signature));
            steps.writeSignature(encoder, signature);
        } catch (RuntimeException e) {
            if (!ServerProxy.endWithFault(encoder, faults, e, "SOAP " + soap.header().id())) {
                callback.failed(e);
                return;
            }
        }
        ServerProxy.complete(out, callback);
    }

    /**
     * Answers {@code getSecurityServerMetrics} of this server (digest 06 §4): verified and logged like
     * any request, access checked by the monitor instead of the ACL, signed by the owner.
     */
    private void serveMetrics(Request request, Response response, Callback callback, GlobalConf conf,
            TransportMessage transport, SoapMessage soap, OpRecord op) {
        steps.verifyRequest(conf, transport, soap.bytes(), soap.header().client());
        steps.log(record(soap, request, false, SignedParts.signatureOf(transport)));
        op.requestOut(steps.now().toEpochMilli());
        byte[] envelope = own.envMonitor().orElseThrow().answer(soap, steps.serverConf.identity(),
                conf.stored().monitoringClient());
        op.responseIn(steps.now().toEpochMilli());
        SoapPackage reply = parser.read(new ByteArrayInputStream(envelope), EnvMonitor.CONTENT_TYPE);
        respond(request, response, callback, soap, reply, withRequestHash(reply, soap),
                Optional.of(EnvMonitor.CONTENT_TYPE), op, Optional::empty);
    }

    /** Issue 7: the personal data usage of the exchange when its service is declared (one map lookup when not). */
    private Optional<Usage> usage(SoapMessage soap, Request request) {
        return own.dataTracker().flatMap(t -> t.soap(soap, Optional.ofNullable(request.getHeaders()
                .get(TransportHeaders.REQUEST_ID))));
    }

    /** The usage records, stored with the response's log record (a store failure fails the exchange, as the log's). */
    private static Optional<LinkedWrite> usageRecords(Optional<Usage> usage, GlobalConf conf, ClientId client,
            boolean succeeded) {
        return usage.flatMap(u -> u.records(conf.instanceOf(client).flatMap(i -> i.memberName(client)), succeeded));
    }

    private static long attachmentBytes(IncomingParts parts) {
        return parts.attachments().stream().mapToLong(a -> a.body().size()).sum();
    }

    private LogRecord record(SoapMessage soap, Request request, boolean response, SignatureData signature) {
        String requestId = Optional.ofNullable(request.getHeaders().get(TransportHeaders.REQUEST_ID)).orElse("");
        return new LogRecord(soap.header().id(), requestId, soap.header().client(), soap.header().service(), response,
                MessageType.SOAP, soap.bytes(), Optional.empty(), signature, steps.now());
    }
}
