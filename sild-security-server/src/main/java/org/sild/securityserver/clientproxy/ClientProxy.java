package org.sild.securityserver.clientproxy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.signature.CertificateProfiles;
import org.sild.core.soap.SoapLimits;
import org.sild.core.soap.SoapParser;
import org.sild.securityserver.globalconf.GlobalConfProvider;
import org.sild.securityserver.messagelog.MessageLog;
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
 * The client proxy: the Jetty handler of the client port, where information systems send X-Road
 * SOAP ({@code POST /}) and REST ({@code /r1/...}) requests. It validates and signs each request,
 * logs it, streams it over mutual TLS to the fastest provider security server, verifies and logs the
 * answer and returns it (digest 01 §2.11, 02, 03).
 *
 * <p>Security server faults are answered as X-Road does: SOAP faults with HTTP 200, REST errors as
 * JSON (or XML) with 500 for {@code Server.*} codes and 400 otherwise; faults of the provider's side
 * are relayed unchanged. Codes are spelled in {@link ProxySettings#faultStyle()}.
 *
 * <p>Lifecycle: a Jetty component; starting it starts its HTTP clients (to provider security servers
 * and their OCSP ports), stopping it stops them. Thread-safe; each request runs on its own (virtual)
 * thread, and the handler blocks it.
 */
public final class ClientProxy extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(ClientProxy.class);
    private static final Pattern REST_PATH = Pattern.compile("^/r[0-9]");

    private final Clock clock;
    private final FaultResponses faults;
    private final ProxyMetrics metrics;
    private final SoapExchange soap;
    private final RestExchange rest;

    private ClientProxy(Builder b) {
        super(InvocationType.BLOCKING);
        this.clock = b.clock;
        this.faults = new FaultResponses(b.settings.faultStyle(), b.random);
        this.metrics = b.metrics;
        HttpClient https = new HttpClient(new HttpClientTransportOverHTTP(connector(b.settings,
                TlsSupport.xroadClient(new AuthKeyManager(b.signer), TlsSupport.acceptAnyPeer()))));
        https.setConnectTimeout(b.settings.connectTimeout().toMillis());
        https.setMaxConnectionsPerDestination(2500);
        https.setFollowRedirects(false);
        HttpClient http = new HttpClient();
        http.setConnectTimeout(b.settings.ocspDownloadTimeout().toMillis());
        http.setFollowRedirects(false);
        addBean(https);
        addBean(http);
        var authentication = new ProviderAuthentication(new AuthCertVerifier(),
                new OcspDownloadClient(http, b.settings.ocspDownloadTimeout()), b.clock, b.settings.authCacheTtl());
        var fastest = new FastestConnect(b.settings.connectTimeout(), b.settings.fastestConnectCachePeriod(), b.clock,
                b.random);
        var steps = new ConsumerSteps(b.settings, b.clock, b.random, b.serverConf, b.globalConf, b.signer,
                b.messageLog, new MessageVerifier(b.profiles),
                new ProxyToProxy(https, fastest, authentication, b.settings));
        var parser = new SoapParser(SoapLimits.withMaxSoapBytes(b.settings.maxSoapBytes()));
        this.soap = new SoapExchange(steps, parser, faults);
        this.rest = new RestExchange(steps, parser, faults);
    }

    /** A builder; settings, local and global configuration, signer and message log are required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Instant start = clock.instant();
        boolean isRest = Optional.ofNullable(request.getHttpURI().getPath()).filter(p -> REST_PATH.matcher(p).find())
                .isPresent();
        String protocol = isRest ? "rest" : "soap";
        Optional<FaultCode> fault = Optional.empty();
        try {
            if (isRest) {
                rest.run(request, response, callback);
            } else {
                soap.run(request, response, callback);
            }
            LOG.debug("{} {} handled in {} ms", Leg.CONSUMER_TO_PROXY, protocol,
                    Duration.between(start, clock.instant()).toMillis());
        } catch (RuntimeException e) {
            XRoadException complete = ProxyFaults.complete(e, ErrorCode.CLIENT_PROXY);
            fault = Optional.of(complete.code());
            if (response.isCommitted()) {
                LOG.warn("{} {} failed after the response started: {}", Leg.CONSUMER_TO_PROXY, protocol, complete);
                callback.failed(e);
            } else {
                String detail = isRest ? faults.restError(request, response, callback, complete)
                        : faults.soapFault(response, callback, complete);
                LOG.warn("{} {} fault {} ({}): {}", Leg.CONSUMER_TO_PROXY, protocol,
                        complete.formattedCode(faults.style()), detail, complete.getMessage(),
                        complete.code().contains(ErrorCode.INTERNAL_ERROR) ? e : null);
            }
        } finally {
            metrics.record(Leg.CONSUMER_TO_PROXY, protocol, Duration.between(start, clock.instant()), fault);
        }
        return true;
    }

    private static ClientConnector connector(ProxySettings settings,
            org.eclipse.jetty.util.ssl.SslContextFactory.Client tls) {
        var connector = new ClientConnector();
        connector.setSslContextFactory(tls);
        connector.setConnectTimeout(settings.connectTimeout());
        return connector;
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
        private CertificateProfiles profiles = CertificateProfiles.standard();

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
