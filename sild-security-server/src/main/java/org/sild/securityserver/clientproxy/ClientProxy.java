package org.sild.securityserver.clientproxy;

import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.signature.CertificateProfiles;
import org.sild.core.soap.SoapLimits;
import org.sild.core.soap.SoapParser;
import org.sild.runtime.http.Connections;
import org.sild.runtime.http.HttpClients;
import org.sild.runtime.http.ManagedHttpClient;
import org.sild.runtime.tls.ClientAuth;
import org.sild.runtime.tls.ClientTls;
import org.sild.runtime.tls.PeerTrust;
import org.sild.runtime.tls.ServerTls;
import org.sild.runtime.tls.TlsContexts;
import org.sild.runtime.tls.TlsProfile;
import org.sild.securityserver.globalconf.GlobalConfProvider;
import org.sild.securityserver.messagelog.EvidenceQuery;
import org.sild.securityserver.messagelog.MessageLog;
import org.sild.securityserver.metadata.ListClients;
import org.sild.securityserver.opmonitor.OpMonitor;
import org.sild.securityserver.opmonitor.OpRecord;
import org.sild.securityserver.proxy.AuthCertVerifier;
import org.sild.securityserver.proxy.AuthKeyManager;
import org.sild.securityserver.proxy.FaultResponses;
import org.sild.securityserver.proxy.Leg;
import org.sild.securityserver.proxy.MessageVerifier;
import org.sild.securityserver.proxy.OcspDownloadClient;
import org.sild.securityserver.proxy.ProxyFaults;
import org.sild.securityserver.proxy.ProxyMetrics;
import org.sild.securityserver.proxy.ProxySettings;
import org.sild.securityserver.proxy.TlsSupport;
import org.sild.securityserver.serverconf.ServerConf;
import org.sild.securityserver.signer.Signer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client proxy: serves the client port, where information systems send X-Road SOAP
 * ({@code POST /}) and REST ({@code /r1/...}) requests. It validates and signs each request, logs
 * it, streams it over mutual TLS to the fastest provider security server, verifies and logs the
 * answer and returns it (digest 01 §2.11, 02, 03). When given an {@link Builder#evidence evidence
 * source} it also serves the signed document download, {@code GET /asic} and
 * {@code GET /verificationconf} (digest 05 §5).
 *
 * <p>Security server faults are answered as X-Road does: SOAP faults with HTTP 200, REST errors as
 * JSON (or XML) with 500 for {@code Server.*} codes and 400 otherwise; faults of the provider's side
 * are relayed unchanged. Codes are spelled in {@link ProxySettings#faultStyle()}.
 *
 * <p>Lifecycle: {@link Builder#build()} starts its HTTP clients (to provider security servers and
 * their OCSP ports); {@link #handler()} gives a Jetty handler per connector (HTTP and HTTPS client
 * ports, each in its own {@code HttpServer}); {@link #close()} stops the clients, after the servers.
 * Thread-safe; each request runs on its own (virtual) thread, which the handler blocks.
 */
public final class ClientProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClientProxy.class);
    private static final Pattern REST_PATH = Pattern.compile("^/r[0-9]");

    private final Clock clock;
    private final FaultResponses faults;
    private final ProxyMetrics metrics;
    private final Predicate<ClientId> registered;
    private final ManagedHttpClient proxyToProxyClient;
    private final ManagedHttpClient ocspClient;
    private final SoapExchange soap;
    private final RestExchange rest;
    private final Optional<DocumentDownload> download;
    private final ListClients listClients;
    private final OpMonitor opMonitor;
    private final long maxMessageBytes;

    private ClientProxy(Builder b) {
        this.clock = b.clock;
        this.maxMessageBytes = b.settings.maxMessageBytes();
        this.faults = new FaultResponses(b.settings.faultStyle(), b.random);
        this.metrics = b.metrics;
        this.registered = ProxyMetrics.registeredIn(b.globalConf, b.clock);
        this.opMonitor = b.opMonitor;
        SSLContext auth = TlsSupport.context(Optional.of(new AuthKeyManager(b.signer)), TlsSupport.acceptAnyPeer());
        this.proxyToProxyClient = HttpClients.builder().name("proxy-to-proxy").tls(ClientTls.xRoad(auth))
                .connectTimeout(b.settings.connectTimeout()).pooling(b.settings.reuseConnections())
                .idleTimeout(Duration.ofSeconds(60)).maxConnectionsPerDestination(2500).build();
        this.ocspClient = HttpClients.builder().name("ocsp-download").connectTimeout(b.settings.ocspDownloadTimeout())
                .idleTimeout(b.settings.ocspDownloadTimeout()).build();
        var authentication = new ProviderAuthentication(new AuthCertVerifier(),
                new OcspDownloadClient(ocspClient, b.settings.ocspDownloadTimeout()), b.clock, b.settings.authCacheTtl());
        var fastest = new FastestConnect(b.settings.connectTimeout(), b.settings.fastestConnectCachePeriod(), b.clock,
                b.random);
        var steps = new ConsumerSteps(b.settings, b.clock, b.random, b.serverConf, b.globalConf, b.signer,
                b.messageLog, new MessageVerifier(b.profiles),
                new ProxyToProxy(proxyToProxyClient, fastest, authentication, b.settings));
        var parser = new SoapParser(SoapLimits.withMaxSoapBytes(b.settings.maxSoapBytes()));
        this.soap = new SoapExchange(steps, parser, faults);
        this.rest = new RestExchange(steps, parser, faults);
        this.listClients = new ListClients(b.globalConf, b.clock);
        this.download = b.evidence.map(e -> new DocumentDownload(b.serverConf, e, b.stampPending,
                b.verificationConf, b.settings.checkIsCertValidity(), b.clock));
    }

    /** A builder; settings, local and global configuration, signer and message log are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A Jetty handler serving the client port; call once per connector (HTTP and HTTPS), since a
     * Jetty handler belongs to one server.
     */
    public Handler handler() {
        return new Handler.Abstract(Invocable.InvocationType.BLOCKING) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                return ClientProxy.this.handle(request, response, callback);
            }
        };
    }

    /**
     * The TLS of the HTTPS client port: the server's TLS key for information systems, the
     * client-facing profile, client certificates requested (not required) and checked per client
     * by its connection type ({@code SSLAUTH}).
     */
    public static ServerTls clientPortTls(PrivateKey key, List<X509Certificate> chain) {
        SSLContext context = TlsContexts.builder().key(key, chain).trust(PeerTrust.acceptAny()).build();
        return new ServerTls(context, ClientAuth.WANT, TlsProfile.CLIENT_FACING);
    }

    /** Stops the HTTP clients. Close the servers using {@link #handler()} first. */
    @Override
    public void close() {
        proxyToProxyClient.close();
        ocspClient.close();
    }

    private boolean handle(Request request, Response response, Callback callback) {
        if (download.isPresent() && DocumentDownload.serves(request)) {
            download.get().handle(request, response, callback);
            return true;
        }
        Instant start = clock.instant();
        boolean isRest = Optional.ofNullable(request.getHttpURI().getPath()).filter(p -> REST_PATH.matcher(p).find())
                .isPresent();
        String protocol = isRest ? "rest" : "soap";
        Optional<FaultCode> fault = Optional.empty();
        OpRecord op = OpRecord.start(OpRecord.Side.CLIENT, start.toEpochMilli());
        Optional<String> faultString = Optional.empty();
        // listClients is not an X-Road message: neither an exchange metric nor an operational record.
        boolean listing = ListClients.serves(request);
        try {
            if (listing) {
                listClients.handle(request, response, callback);
            } else if (isRest) {
                rest.run(request, response, callback, op);
            } else {
                soap.run(request, response, callback, op);
            }
            LOG.debug("{} {} handled in {} ms", Leg.CONSUMER_TO_PROXY, protocol,
                    Duration.between(start, clock.instant()).toMillis());
        } catch (RuntimeException e) {
            LOG.debug("fault cause", e);
            XRoadException complete = ProxyFaults.complete(e, ErrorCode.CLIENT_PROXY);
            fault = Optional.of(complete.code());
            faultString = Optional.ofNullable(complete.getMessage());
            if (response.isCommitted()) {
                LOG.warn("{} {} failed after the response started: {}", Leg.CONSUMER_TO_PROXY, protocol, complete);
                callback.failed(e);
            } else {
                Connections.finishRequestEarly(request, response, maxMessageBytes);
                String detail = isRest ? faults.restError(request, response, callback, complete)
                        : faults.soapFault(response, callback, complete);
                LOG.warn("{} {} fault {} ({}): {}", Leg.CONSUMER_TO_PROXY, protocol,
                        complete.formattedCode(faults.style()), detail, complete.getMessage(),
                        complete.code().contains(ErrorCode.INTERNAL_ERROR) ? e : null);
            }
        } finally {
            if (!listing) {
                op.finish(clock.millis(), fault.map(c -> c.format(faults.style())), faultString);
                metrics.record(Leg.CONSUMER_TO_PROXY, protocol, Duration.between(start, clock.instant()), fault, op,
                        registered);
                opMonitor.submit(op);
            }
        }
        return true;
    }

    /** Collects the client proxy's collaborators; not thread-safe. */
    public static final class Builder {
        private ProxySettings settings;
        private ServerConf serverConf;
        private GlobalConfProvider globalConf;
        private Signer signer;
        private MessageLog messageLog;
        private Clock clock = Clock.systemUTC();
        private Random random = new SecureRandom();
        private ProxyMetrics metrics = ProxyMetrics.none();
        private OpMonitor opMonitor = OpMonitor.off();
        private CertificateProfiles profiles = CertificateProfiles.standard();
        private Optional<EvidenceQuery> evidence = Optional.empty();
        private Optional<Runnable> stampPending = Optional.empty();
        private Supplier<byte[]> verificationConf = () -> {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "no verification configuration is available");
        };

        private Builder() {
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

        /** Randomness for boundaries, fault details and shuffling (default: a {@link SecureRandom}). */
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

        /**
         * Serves the signed document download ({@code GET /asic}, {@code GET /verificationconf}) from
         * {@code value}; without it those paths are not served.
         */
        public Builder evidence(EvidenceQuery value) {
            evidence = Optional.of(value);
            return this;
        }

        /** What {@code /asic?force} runs to time-stamp pending records synchronously (default: none, force fails). */
        public Builder stampPending(Runnable value) {
            stampPending = Optional.of(value);
            return this;
        }

        /** The {@code verificationconf.zip} that {@code /verificationconf} answers, made per request. */
        public Builder verificationConf(Supplier<byte[]> value) {
            verificationConf = Objects.requireNonNull(value);
            return this;
        }

        /** Operational monitoring: records every exchange (default: off). */
        public Builder opMonitor(OpMonitor value) {
            opMonitor = Objects.requireNonNull(value);
            return this;
        }

        public ClientProxy build() {
            Objects.requireNonNull(settings, "settings are required");
            Objects.requireNonNull(serverConf, "serverConf is required");
            Objects.requireNonNull(globalConf, "globalConf is required");
            Objects.requireNonNull(signer, "signer is required");
            Objects.requireNonNull(messageLog, "messageLog is required");
            return new ClientProxy(this);
        }
    }
}
