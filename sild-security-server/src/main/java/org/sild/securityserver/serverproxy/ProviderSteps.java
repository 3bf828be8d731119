package org.sild.securityserver.serverproxy;

import java.io.IOException;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;
import org.sild.core.signature.MessageParts;
import org.sild.core.signature.SignatureData;
import org.sild.core.transport.MessageType;
import org.sild.core.transport.TransportDecoder;
import org.sild.core.transport.TransportEncoder;
import org.sild.core.transport.TransportHeaders;
import org.sild.core.transport.TransportMessage;
import org.sild.core.globalconf.SecurityServer;
import org.sild.securityserver.globalconf.GlobalConf;
import org.sild.securityserver.globalconf.GlobalConfProvider;
import org.sild.securityserver.messagelog.LinkedWrite;
import org.sild.securityserver.messagelog.LogRecord;
import org.sild.securityserver.messagelog.MessageLog;
import org.sild.securityserver.metadata.Metaservices;
import org.sild.securityserver.opmonitor.OpRecord;
import org.sild.securityserver.proxy.AuthCertVerifier;
import org.sild.securityserver.proxy.Headers;
import org.sild.securityserver.proxy.IncomingParts;
import org.sild.securityserver.proxy.MessageVerifier;
import org.sild.securityserver.proxy.ProxyFaults;
import org.sild.securityserver.proxy.ProxySettings;
import org.sild.securityserver.proxy.ProxyVersion;
import org.sild.securityserver.proxy.SignedParts;
import org.sild.securityserver.serverconf.LocalClient;
import org.sild.securityserver.serverconf.LocalService;
import org.sild.securityserver.serverconf.ServerConf;
import org.sild.securityserver.signer.Signer;

/**
 * The steps the SOAP and REST exchanges of the server proxy share, each one X-Road rule with its
 * fault code (bare codes; the server proxy completes them to {@code Server.ServerProxy.*}), in the
 * order of digest 03 §7.
 *
 * <p>Immutable and thread-safe: every exchange runs on its own (virtual) thread.
 */
final class ProviderSteps {

    final ProxySettings settings;
    final Clock clock;
    final Random random;
    final ServerConf serverConf;
    private final GlobalConfProvider globalConf;
    private final Signer signer;
    private final MessageLog messageLog;
    private final MessageVerifier verifier;
    private final AuthCertVerifier authVerifier = new AuthCertVerifier();
    private final AccessControl accessControl;
    private final TransportDecoder decoder = new TransportDecoder();

    ProviderSteps(ProxySettings settings, Clock clock, Random random, ServerConf serverConf,
            GlobalConfProvider globalConf, Signer signer, MessageLog messageLog, MessageVerifier verifier) {
        this.settings = settings;
        this.clock = clock;
        this.random = random;
        this.serverConf = serverConf;
        this.globalConf = globalConf;
        this.signer = signer;
        this.messageLog = messageLog;
        this.verifier = verifier;
        this.accessControl = new AccessControl(serverConf);
    }

    /** Messages come by POST ({@code InvalidHttpMethod}). */
    void requirePost(Request request) {
        if (!"POST".equalsIgnoreCase(request.getMethod())) {
            throw new XRoadException(ErrorCode.INVALID_HTTP_METHOD, "Must use POST request method instead of "
                    + request.getMethod());
        }
    }

    /** The global configuration in force ({@code OutdatedGlobalConf}). */
    GlobalConf globalConf() {
        GlobalConf conf = globalConf.current(clock.instant());
        conf.checkValid(clock.instant());
        return conf;
    }

    /**
     * The consumer's {@code x-proxy-version} must be at least the configured minimum
     * ({@code ClientProxyVersionNotSupported}).
     */
    void checkClientVersion(Request request) {
        if (settings.minimumClientVersion().isEmpty()) {
            return;
        }
        ProxyVersion minimum = ProxyVersion.tryParse(settings.minimumClientVersion().get()).orElseThrow();
        String sent = request.getHeaders().get(TransportHeaders.PROXY_VERSION);
        Optional<ProxyVersion> version = Optional.ofNullable(sent).flatMap(ProxyVersion::tryParse);
        if (version.isEmpty() || version.get().compareTo(minimum) < 0) {
            throw new XRoadException(ErrorCode.CLIENT_PROXY_VERSION_NOT_SUPPORTED,
                    "The minimum supported version for client security server is: " + minimum
                            + " (the client sent " + (sent == null ? "none" : "'" + sent + "'") + ")");
        }
    }

    /** The consumer's TLS certificate chain ({@code SslAuthenticationFailed} without one). */
    List<X509Certificate> peer(Request request) {
        List<X509Certificate> chain = Headers.peerCertificates(request);
        if (chain.isEmpty()) {
            throw new XRoadException(ErrorCode.SSL_AUTHENTICATION_FAILED,
                    "the client security server is not authenticated by TLS");
        }
        return chain;
    }

    /** Whether the request is a REST message ({@code x-road-message-type: REST}). */
    static MessageType messageType(Request request) {
        return TransportHeaders.MESSAGE_TYPE_REST.equalsIgnoreCase(request.getHeaders().get(TransportHeaders.MESSAGE_TYPE))
                ? MessageType.REST : MessageType.SOAP;
    }

    /**
     * Decodes the request as it streams, with {@code parts}' hook checking the header as soon as it
     * arrives; everything that fails while decoding is {@code ServiceFailed.*}, as X-Road reports it.
     */
    TransportMessage decode(Request request, IncomingParts parts) {
        try (InputStream body = Content.Source.asInputStream(request)) {
            TransportHeaders headers = TransportHeaders.parse(Headers.mime(request.getHeaders()));
            return decoder.decodeRequest(headers, body, parts);
        } catch (IOException | RuntimeException e) {
            throw ProxyFaults.serviceFailed(e);
        }
    }

    /** A {@code securityServer} header must name this server ({@code InvalidSecurityServer}). */
    void checkSecurityServer(Optional<SecurityServerId> named) {
        SecurityServerId self = serverConf.identity();
        if (named.isPresent() && !named.get().equals(self)) {
            throw new XRoadException(ErrorCode.INVALID_SECURITY_SERVER, "Invalid security server identifier '"
                    + named.get() + "' expected '" + self + "'");
        }
    }

    /** The service's provider must be hosted here and registered ({@code UnknownMember}). */
    void requireRegisteredProvider(ClientId provider) {
        serverConf.client(provider).filter(LocalClient::isRegistered).orElseThrow(() -> new XRoadException(
                ErrorCode.UNKNOWN_MEMBER, "Client '" + provider + "' not found"));
    }

    /**
     * The consumer's authentication certificate, proven by the OCSP parts of the message, must
     * belong to a server hosting the message's client ({@code SslAuthenticationFailed}).
     */
    SecurityServerId authenticateClient(GlobalConf conf, List<X509Certificate> peer, List<byte[]> ocsp,
            ClientId client) {
        return authVerifier.verify(conf, peer, ocsp, client, clock.instant());
    }

    /** The addresses of the consumer's server and this one in global configuration, for operational monitoring. */
    void recordAddresses(GlobalConf conf, Optional<SecurityServerId> consumer, OpRecord op) {
        op.securityServerAddresses(consumer.flatMap(id -> address(conf, id)), address(conf, serverConf.identity()));
    }

    private static Optional<String> address(GlobalConf conf, SecurityServerId id) {
        return conf.instance(id.owner().instance()).flatMap(i -> i.securityServer(id)).flatMap(SecurityServer::address);
    }

    /**
     * The service must exist ({@code UnknownService}), be of the message's kind ({@code ServiceType}),
     * be open to the client ({@code AccessDenied}) and be enabled ({@code ServiceDisabled}).
     */
    LocalService authorize(GlobalConf conf, ServiceId service, ClientId client, MessageType type,
            Optional<AccessControl.RestCall> rest) {
        LocalService local = serverConf.service(service).orElseThrow(() -> new XRoadException(
                ErrorCode.UNKNOWN_SERVICE, "Unknown service: " + service));
        if (local.type().isRest() != (type == MessageType.REST)) {
            throw new XRoadException(ErrorCode.SERVICE_TYPE, type == MessageType.REST
                    ? "Service is a SOAP service and cannot be called using REST interface"
                    : "Service is a REST service and cannot be called using SOAP interface");
        }
        if (!accessControl.allowed(conf, client, service, rest)) {
            throw new XRoadException(ErrorCode.ACCESS_DENIED, "Request is not allowed: " + service);
        }
        if (local.isDisabled()) {
            throw new XRoadException(ErrorCode.SERVICE_DISABLED, "Service " + service + " is disabled: "
                    + local.disabledNotice().orElse(""));
        }
        return local;
    }

    /** The client must hold a grant on a service this server answers itself, e.g. findUsage ({@code AccessDenied}). */
    void requireAccess(GlobalConf conf, ServiceId service, ClientId client, Optional<AccessControl.RestCall> rest) {
        if (!accessControl.allowed(conf, client, service, rest)) {
            throw new XRoadException(ErrorCode.ACCESS_DENIED, "Request is not allowed: " + service);
        }
    }

    /** The metaservices' view of access rights: the grants {@code client} holds on a service. */
    Metaservices.Grants grants(GlobalConf conf) {
        return (client, service) -> accessControl.grants(conf, client, service);
    }

    /**
     * The consumer's signature must be the client's (at member level) over exactly what came
     * ({@code SignatureVerification.*}).
     */
    void verifyRequest(GlobalConf conf, TransportMessage transport, byte[] message, ClientId client) {
        verifier.verify(conf, SignedParts.signatureOf(transport), SignedParts.of(message, transport.partDigests()),
                client, clock.instant());
    }

    /** The certificates the provider's information systems are known by (for services that verify TLS). */
    List<X509Certificate> isCertificates(ClientId provider) {
        return serverConf.client(provider).map(LocalClient::isCertificates).orElse(List.of());
    }

    /** Starts the transport response: status, content type and headers. */
    void startResponse(Response response, TransportEncoder encoder, Optional<String> originalContentType) {
        response.setStatus(200);
        response.getHeaders().put(Headers.contentType(encoder.contentType().toString()));
        response.getHeaders().put(TransportHeaders.HASH_ALGORITHM, encoder.hashAlgorithm());
        originalContentType.ifPresent(t -> response.getHeaders().put(TransportHeaders.ORIGINAL_CONTENT_TYPE, t));
    }

    /** Signs for {@code sender} ({@code CannotCreateSignature}). */
    SignatureData sign(ClientId sender, MessageParts parts) {
        try {
            return signer.sign(sender, parts);
        } catch (XRoadException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new XRoadException(ErrorCode.CANNOT_CREATE_SIGNATURE, "signing failed: " + e, e);
        }
    }

    /** Stores a message in the message log; without it the exchange stops ({@code LoggingFailed}). */
    void log(LogRecord record) {
        log(record, Optional.empty());
    }

    /**
     * Stores a message in the message log with the rows linked to it (the exchange's personal data
     * usage), in one transaction; without them the exchange stops ({@code LoggingFailed}).
     */
    void log(LogRecord record, Optional<LinkedWrite> linked) {
        try {
            if (linked.isPresent()) {
                messageLog.append(record, linked.get());
            } else {
                messageLog.append(record);
            }
        } catch (XRoadException e) {
            throw e.code().contains(ErrorCode.LOGGING_FAILED) ? e : new XRoadException(ErrorCode.LOGGING_FAILED,
                    "cannot write the message log: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new XRoadException(ErrorCode.LOGGING_FAILED, "cannot write the message log: " + e, e);
        }
    }

    /** Stores rows that have no message log record to go with (the usage of a relayed fault); else as {@link #log}. */
    void store(LinkedWrite linked) {
        try {
            linked.runAlone();
        } catch (RuntimeException e) {
            throw new XRoadException(ErrorCode.LOGGING_FAILED, "cannot store personal data usage: " + e.getMessage(), e);
        }
    }

    /** Writes the signature (with its hash chain parts) and ends the message. */
    void writeSignature(TransportEncoder encoder, SignatureData signature) {
        if (signature.hasHashChain()) {
            encoder.hashChain(signature.hashChainResult().orElseThrow(), signature.hashChain().orElseThrow());
        }
        encoder.signature(signature.signatureXml());
        encoder.finish();
    }

    Instant now() {
        return clock.instant();
    }
}
