package org.sild.securityserver.serverproxy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.ServiceId;
import org.sild.core.signature.CertificateProfiles;
import org.sild.core.soap.SoapLimits;
import org.sild.core.soap.SoapParser;
import org.sild.core.transport.MessageType;
import org.sild.core.transport.TransportEncoder;
import org.sild.runtime.http.Connections;
import org.sild.runtime.http.HttpClients;
import org.sild.runtime.http.ManagedHttpClient;
import org.sild.runtime.tls.ClientAuth;
import org.sild.runtime.tls.ClientTls;
import org.sild.runtime.tls.ServerTls;
import org.sild.runtime.tls.TlsProfile;
import org.sild.securityserver.datatracker.DataTracker;
import org.sild.securityserver.datatracker.FindUsage;
import org.sild.securityserver.globalconf.GlobalConfProvider;
import org.sild.securityserver.messagelog.MessageLog;
import org.sild.securityserver.metadata.Metaservices;
import org.sild.securityserver.metadata.ServiceCatalog;
import org.sild.securityserver.envmonitor.EnvMonitor;
import org.sild.securityserver.opmonitor.MonitoringServices;
import org.sild.securityserver.opmonitor.OpMonitor;
import org.sild.securityserver.opmonitor.OpRecord;
import org.sild.securityserver.proxy.AuthKeyManager;
import org.sild.securityserver.proxy.FaultResponses;
import org.sild.securityserver.proxy.Leg;
import org.sild.securityserver.proxy.MessageVerifier;
import org.sild.securityserver.proxy.ProxyFaults;
import org.sild.securityserver.proxy.ProxyMetrics;
import org.sild.securityserver.proxy.ProxySettings;
import org.sild.securityserver.proxy.Spools;
import org.sild.securityserver.proxy.TlsSupport;
import org.sild.securityserver.serverconf.Endpoint;
import org.sild.securityserver.serverconf.LocalClient;
import org.sild.securityserver.serverconf.LocalService;
import org.sild.securityserver.serverconf.ServerConf;
import org.sild.securityserver.signer.Signer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server proxy: serves the server port, where consumer security servers send signed transport
 * messages over mutual TLS. It authenticates the consumer, verifies the message, enforces access
 * rights, logs, calls the provider's information system, signs and logs its answer and streams it
 * back (digest 03 §7).
 *
 * <p>Failures before the response starts are answered with a whole-body SOAP fault (HTTP 200);
 * after that the response ends with a fault part. The server port's TLS comes from {@link #tls()};
 * the OCSP port's handler from {@link #ocspHandler()}.
 *
 * <p>Lifecycle: {@link Builder#build()} starts its HTTP client to information systems;
 * {@link #handler()} gives the server port's Jetty handler; {@link #close()} stops the client, after
 * the servers. Thread-safe; each request runs on its own (virtual) thread, which the handler blocks.
 */
public final class ServerProxy implements AutoCloseable {

    static final Logger LOG = LoggerFactory.getLogger(ServerProxy.class);

    private final ProxySettings settings;
    private final Clock clock;
    private final Signer signer;
    private final Random random;
    private final GlobalConfProvider globalConf;
    private final FaultResponses faults;
    private final ProxyMetrics metrics;
    private final Predicate<ClientId> registered;
    private final ManagedHttpClient providerClient;
    private final SoapExchange soap;
    private final RestExchange rest;
    private final OpMonitor opMonitor;

    private ServerProxy(Builder b) {
        this.settings = b.settings;
        this.clock = b.clock;
        this.signer = b.signer;
        this.random = b.random;
        this.globalConf = b.globalConf;
        this.faults = new FaultResponses(b.settings.faultStyle(), b.random);
        this.metrics = b.metrics;
        this.registered = ProxyMetrics.registeredIn(b.globalConf, b.clock);
        this.opMonitor = b.opMonitor;
        // The information system's certificate is checked per service after the handshake (ProxyToProvider).
        var isTls = new ClientTls(TlsSupport.context(Optional.empty(), TlsSupport.acceptAnyPeer()),
                TlsProfile.CLIENT_FACING, false);
        this.providerClient = HttpClients.builder().name("proxy-to-provider").tls(isTls)
                .connectTimeout(b.settings.connectTimeout()).idleTimeout(Duration.ofSeconds(60)).build();
        // Bodies pass through as the information system encoded them.
        providerClient.getContentDecoderFactories().clear();
        var steps = new ProviderSteps(b.settings, b.clock, b.random, b.serverConf, b.globalConf, b.signer,
                b.messageLog, new MessageVerifier(b.profiles));
        var proxyToProvider = new ProxyToProvider(providerClient);
        Optional<Metaservices> meta = b.serviceCatalog.map(c -> new Metaservices(c,
                (service, url) -> download(proxyToProvider, b.serverConf, service, url), b.random,
                builtIns(b.findUsage)));
        var monitoring = b.opMonitor.enabled() ? Optional.of(new MonitoringServices(b.opMonitor))
                : Optional.<MonitoringServices>empty();
        var own = new OwnServices(meta, monitoring, b.envMonitor, b.findUsage, b.dataTracker);
        this.soap = new SoapExchange(steps, new SoapParser(SoapLimits.withMaxSoapBytes(b.settings.maxSoapBytes())),
                proxyToProvider, faults, own);
        this.rest = new RestExchange(steps, proxyToProvider, faults, own);
    }

    /** A builder; settings, local and global configuration, signer and message log are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The TLS of the server port: X-Road's profile, the signer's authentication key (renewals are
     * picked up), client certificates required and accepted in the handshake only when registered
     * for a security server in global configuration.
     */
    public ServerTls tls() {
        var context = TlsSupport.context(Optional.of(new AuthKeyManager(signer)), new AuthTrustManager(globalConf, clock));
        return new ServerTls(context, ClientAuth.NEED, TlsProfile.X_ROAD);
    }

    /** The Jetty handler of the server port (serve it with {@link #tls()}). */
    public Handler handler() {
        return new Handler.Abstract(Invocable.InvocationType.BLOCKING) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                return ServerProxy.this.handle(request, response, callback);
            }
        };
    }

    /** The Jetty handler of the OCSP port (plain HTTP): this server's authentication OCSP responses. */
    public Handler ocspHandler() {
        return new OcspResponder(signer, random);
    }

    /** Stops the HTTP client to information systems. Close the servers using {@link #handler()} first. */
    @Override
    public void close() {
        providerClient.close();
    }

    private boolean handle(Request request, Response response, Callback callback) {
        Instant start = clock.instant();
        if (!settings.keepClientConnections()) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        MessageType type = ProviderSteps.messageType(request);
        String protocol = type == MessageType.REST ? "rest" : "soap";
        Optional<FaultCode> fault = Optional.empty();
        OpRecord op = OpRecord.start(OpRecord.Side.PRODUCER, start.toEpochMilli());
        Optional<String> faultString = Optional.empty();
        try (Spools spools = Spools.of(settings)) {
            if (type == MessageType.REST) {
                rest.run(request, response, callback, spools, op);
            } else {
                soap.run(request, response, callback, spools, op);
            }
        } catch (RuntimeException e) {
            LOG.debug("fault cause", e);
            XRoadException complete = ProxyFaults.complete(e, ErrorCode.SERVER_PROXY);
            fault = Optional.of(complete.code());
            faultString = Optional.ofNullable(complete.getMessage());
            if (response.isCommitted()) {
                LOG.warn("{} {} failed after the response started: {}", Leg.PROXY_TO_PROXY, protocol, complete);
                callback.failed(e);
            } else {
                Connections.finishRequestEarly(request, response, settings.maxMessageBytes());
                String detail = faults.soapFault(response, callback, complete);
                LOG.warn("{} {} fault {} ({}): {}", Leg.PROXY_TO_PROXY, protocol,
                        complete.formattedCode(faults.style()), detail, complete.getMessage(),
                        complete.code().contains(ErrorCode.INTERNAL_ERROR) ? e : null);
            }
        } finally {
            op.finish(clock.millis(), fault.map(c -> c.format(faults.style())), faultString);
            metrics.record(Leg.PROXY_TO_PROXY, protocol, Duration.between(start, clock.instant()), fault, op, registered);
            opMonitor.submit(op);
        }
        return true;
    }

    /** A service description's document, fetched like a call to the service (its timeout and TLS check apply). */
    private static Metaservices.Document download(ProxyToProvider proxyToProvider, ServerConf serverConf,
            LocalService service, URI url) {
        List<X509Certificate> trusted = serverConf.client(service.id().provider()).map(LocalClient::isCertificates)
                .orElse(List.of());
        try (var answer = proxyToProvider.call(service, trusted, "GET", url, List.of(), Optional.empty(),
                Optional.empty())) {
            if (answer.status() != 200) {
                throw new XRoadException(ErrorCode.INTERNAL_ERROR, "Cannot download the service description "
                        + url + ": HTTP " + answer.status());
            }
            byte[] body = answer.body().readNBytes(Metaservices.MAX_DOCUMENT_BYTES + 1);
            if (body.length > Metaservices.MAX_DOCUMENT_BYTES) {
                throw new XRoadException(ErrorCode.INTERNAL_ERROR, "The service description " + url
                        + " is larger than " + Metaservices.MAX_DOCUMENT_BYTES + " bytes");
            }
            return new Metaservices.Document(answer.contentType(), body);
        } catch (IOException e) {
            throw ProxyFaults.translate(e);
        }
    }

    /**
     * Ends a response that already started with a fault part for {@code e}; false when even that is
     * impossible (the consumer is gone).
     */
    static boolean endWithFault(TransportEncoder encoder, FaultResponses faults, RuntimeException e, String what) {
        XRoadException fault = ProxyFaults.complete(e, ErrorCode.SERVER_PROXY);
        LOG.warn("{} {} failed while streaming the response: {}", Leg.PROXY_TO_PROVIDER, what, fault);
        try {
            encoder.fault(faults.soapFaultXml(fault, faults.newDetail()));
            encoder.finish();
            return true;
        } catch (RuntimeException again) {
            return false;
        }
    }

    /** findUsage in the service lists of the subsystems it is served for: SOAP v1 and its three REST endpoints. */
    private static Metaservices.BuiltIns builtIns(Optional<FindUsage> findUsage) {
        return provider -> findUsage.filter(f -> f.serves(new ServiceId(provider, FindUsage.SERVICE_CODE)))
                .map(f -> List.of(new Metaservices.BuiltIn(FindUsage.SERVICE_CODE, Optional.of(FindUsage.SOAP_VERSION),
                        FindUsage.REST_PATHS.stream().map(p -> new Endpoint(FindUsage.SERVICE_CODE, "GET", p)).toList())))
                .orElse(List.of());
    }

    /** Closes a streamed response and completes the request. */
    static void complete(OutputStream out, Callback callback) {
        try {
            out.close();
        } catch (IOException e) {
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }

    /** Collects the server proxy's collaborators; not thread-safe. */
    public static final class Builder {
        private ProxySettings settings;
        private ServerConf serverConf;
        private GlobalConfProvider globalConf;
        private Signer signer;
        private MessageLog messageLog;
        private Clock clock = Clock.systemUTC();
        private Random random = new SecureRandom();
        private ProxyMetrics metrics = ProxyMetrics.none();
        private CertificateProfiles profiles = CertificateProfiles.standard();
        private Optional<ServiceCatalog> serviceCatalog = Optional.empty();
        private OpMonitor opMonitor = OpMonitor.off();
        private Optional<EnvMonitor> envMonitor = Optional.empty();
        private Optional<FindUsage> findUsage = Optional.empty();
        private Optional<DataTracker> dataTracker = Optional.empty();

        private Builder() {
        }

        /** Answers the Data Tracker's {@code findUsage} of subsystems with declarations (default: not served). */
        public Builder findUsage(FindUsage value) {
            findUsage = Optional.of(value);
            return this;
        }

        /**
         * Answers the metaservices ({@code listMethods}, {@code allowedMethods}, {@code getWsdl},
         * {@code getOpenAPI}) from {@code value}; without it they are treated as ordinary service codes.
         */
        public Builder serviceCatalog(ServiceCatalog value) {
            serviceCatalog = Optional.of(value);
            return this;
        }

        public Builder settings(ProxySettings value) {
            settings = Objects.requireNonNull(value);
            return this;
        }

        public Builder serverConf(ServerConf value) {
            serverConf = Objects.requireNonNull(value);
            return this;
        }

        public Builder globalConf(GlobalConfProvider value) {
            globalConf = Objects.requireNonNull(value);
            return this;
        }

        public Builder signer(Signer value) {
            signer = Objects.requireNonNull(value);
            return this;
        }

        public Builder messageLog(MessageLog value) {
            messageLog = Objects.requireNonNull(value);
            return this;
        }

        /** The clock of every validity check and log record (default: system UTC). */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value);
            return this;
        }

        /** Randomness for boundaries and fault details (default: a {@link SecureRandom}). */
        public Builder random(Random value) {
            random = Objects.requireNonNull(value);
            return this;
        }

        public Builder metrics(ProxyMetrics value) {
            metrics = Objects.requireNonNull(value);
            return this;
        }

        /** The certificate profiles that read member identifiers from signing certificates (default: X-Road's). */
        public Builder certificateProfiles(CertificateProfiles value) {
            profiles = Objects.requireNonNull(value);
            return this;
        }

        /** Records personal data usage of declared services (issue 7); none by default. */
        public Builder dataTracker(DataTracker value) {
            dataTracker = Optional.of(value);
            return this;
        }

        /**
         * Operational monitoring: records every exchange and answers the monitoring services when
         * enabled (default: off).
         */
        public Builder opMonitor(OpMonitor value) {
            opMonitor = Objects.requireNonNull(value);
            return this;
        }

        /** Environmental monitoring: answers {@code getSecurityServerMetrics} (default: none, the service is unknown). */
        public Builder envMonitor(EnvMonitor value) {
            envMonitor = Optional.of(value);
            return this;
        }

        public ServerProxy build() {
            Objects.requireNonNull(settings, "settings are required");
            Objects.requireNonNull(serverConf, "serverConf is required");
            Objects.requireNonNull(globalConf, "globalConf is required");
            Objects.requireNonNull(signer, "signer is required");
            Objects.requireNonNull(messageLog, "messageLog is required");
            return new ServerProxy(this);
        }
    }
}
