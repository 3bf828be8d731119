package org.sild.securityserver.clientproxy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.eclipse.jetty.server.Request;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.signature.MessageParts;
import org.sild.core.signature.SignatureData;
import org.sild.core.transport.TransportDecoder;
import org.sild.core.transport.TransportEncoder;
import org.sild.core.transport.TransportHeaders;
import org.sild.core.transport.TransportMessage;
import org.sild.core.globalconf.SecurityServer;
import org.sild.securityserver.globalconf.GlobalConf;
import org.sild.securityserver.globalconf.GlobalConfProvider;
import org.sild.securityserver.messagelog.LogRecord;
import org.sild.securityserver.messagelog.MessageLog;
import org.sild.securityserver.proxy.Headers;
import org.sild.securityserver.proxy.IncomingParts;
import org.sild.securityserver.proxy.MessageVerifier;
import org.sild.securityserver.proxy.ProxyFaults;
import org.sild.securityserver.proxy.ProxySettings;
import org.sild.securityserver.proxy.SignedParts;
import org.sild.securityserver.serverconf.LocalClient;
import org.sild.securityserver.serverconf.ServerConf;
import org.sild.securityserver.signer.Signer;

/**
 * The steps the SOAP and REST exchanges of the client proxy share, each one X-Road rule with its
 * fault code (bare codes; the client proxy completes them to {@code Server.ClientProxy.*}).
 *
 * <p>Immutable and thread-safe: every exchange runs on its own (virtual) thread.
 */
final class ConsumerSteps {

    final ProxySettings settings;
    final Clock clock;
    final Random random;
    private final ServerConf serverConf;
    private final GlobalConfProvider globalConf;
    private final Signer signer;
    private final MessageLog messageLog;
    private final MessageVerifier verifier;
    private final ProviderServers providerServers;
    private final ProxyToProxy proxyToProxy;
    private final TransportDecoder decoder = new TransportDecoder();

    ConsumerSteps(ProxySettings settings, Clock clock, Random random, ServerConf serverConf,
            GlobalConfProvider globalConf, Signer signer, MessageLog messageLog, MessageVerifier verifier,
            ProxyToProxy proxyToProxy) {
        this.settings = settings;
        this.clock = clock;
        this.random = random;
        this.serverConf = serverConf;
        this.globalConf = globalConf;
        this.signer = signer;
        this.messageLog = messageLog;
        this.verifier = verifier;
        this.providerServers = new ProviderServers(settings);
        this.proxyToProxy = proxyToProxy;
    }

    /** This server's instance, for generated message ids. */
    String ownInstance() {
        return serverConf.identity().owner().instance();
    }

    /** The client must be hosted here and registered ({@code UnknownMember}). */
    LocalClient requireRegisteredClient(ClientId client) {
        return serverConf.client(client).filter(LocalClient::isRegistered).orElseThrow(() -> new XRoadException(
                ErrorCode.UNKNOWN_MEMBER, "Client '" + client + "' not found"));
    }

    /** The information system must connect as its client's connection type demands ({@code SslAuthenticationFailed}). */
    void authenticateIs(Request request, LocalClient client) {
        IsAuthentication.check(client, Headers.isSecure(request), Headers.peerCertificates(request),
                settings.checkIsCertValidity(), clock.instant());
    }

    /** The global configuration in force ({@code OutdatedGlobalConf}). */
    GlobalConf globalConf() {
        GlobalConf conf = globalConf.current(clock.instant());
        conf.checkValid(clock.instant());
        return conf;
    }

    /**
     * The provider security servers to try ({@code UnknownMember}, {@code InvalidSecurityServer},
     * {@code MaintenanceMode}).
     */
    List<ProviderEndpoint> providerServers(GlobalConf conf, ClientId provider, Optional<SecurityServerId> pinned) {
        return providerServers.resolve(conf, provider, pinned);
    }

    /** The transport headers every request carries; the caller adds the message-specific ones. */
    TransportHeaders.Builder transportHeaders(TransportEncoder encoder, String requestId) {
        return TransportHeaders.builder(encoder.contentType()).hashAlgorithm(encoder.hashAlgorithm())
                .proxyVersion(settings.proxyVersion()).requestId(requestId);
    }

    /** The fastest provider server, connected and authenticated (the {@code proxyToProxy} leg opens). */
    ProviderConnection connect(GlobalConf conf, List<ProviderEndpoint> servers, ClientId provider,
            TransportHeaders headers) {
        return proxyToProxy.connect(conf, servers, provider, headers);
    }

    /** Writes the OCSP responses of this server's authentication certificate chain, the first parts. */
    void writeOcsp(TransportEncoder encoder) {
        signer.authOcspResponses().forEach(encoder::ocspResponse);
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
        try {
            messageLog.append(record);
        } catch (XRoadException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new XRoadException(ErrorCode.LOGGING_FAILED, "cannot write the message log: " + e, e);
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

    /**
     * Reads the provider's answer as it streams, spooling attachments and bodies. Faults of the
     * transport layer are {@code ServiceFailed.*}; an HTTP status other than 200 and 500 without a
     * transport message is {@code HttpError}.
     */
    TransportMessage receive(ProviderConnection.Answer answer, IncomingParts parts) {
        if (answer.status() != 200 && answer.status() != 500) {
            String type = answer.headers().get(TransportHeaders.CONTENT_TYPE);
            if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
                throw new XRoadException(ErrorCode.HTTP_ERROR, "the provider security server answered HTTP "
                        + answer.status());
            }
        }
        try (var body = answer.body()) {
            TransportHeaders headers = TransportHeaders.parse(Headers.mime(answer.headers()));
            TransportMessage message = decoder.decodeResponse(headers, body, parts);
            return message;
        } catch (java.io.IOException e) {
            throw ProxyFaults.serviceFailed(e);
        } catch (RuntimeException e) {
            throw ProxyFaults.serviceFailed(e);
        }
    }

    /** Verifies the provider's signature over {@code message}: the signer must be the service provider's member. */
    void verifyResponse(GlobalConf conf, TransportMessage transport, byte[] message, ClientId provider) {
        verifier.verify(conf, SignedParts.signatureOf(transport), SignedParts.of(message, transport.partDigests()),
                provider, clock.instant());
    }

    /** This server's address in global configuration, for operational monitoring. */
    Optional<String> ownAddress(GlobalConf conf) {
        return conf.own().securityServer(serverConf.identity()).flatMap(SecurityServer::address);
    }

    /** The current time, for log records. */
    Instant now() {
        return clock.instant();
    }
}
