package org.sild.securityserver.signer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import org.eclipse.jetty.client.HttpClient;
import org.sild.securityserver.globalconf.GlobalConfProvider;

/**
 * The signer as the security server assembly wires it: the software token in
 * {@code <data>/signer/token}, the OCSP responses of its certificates in {@code <data>/signer/ocsp}
 * (refreshed in the background over the given HTTP client), the batching {@link TokenSigner}, and
 * the OCSP download handler for the server proxy's OCSP port.
 *
 * <p>{@link Builder#start()} opens the token, loads persisted OCSP responses and starts the refresh
 * loop; {@link #close()} stops the loop and closes the token (the HTTP client belongs to the caller).
 * Thread-safe.
 */
public final class SignerComponents implements AutoCloseable {

    /** Gauge of the own certificates by OCSP state ({@code fresh}, {@code stale}). */
    public static final String OCSP_RESPONSES = "sild.signer.ocsp.certificates";

    private final SoftwareToken token;
    private final OwnOcspResponses ocsp;
    private final TokenSigner signer;

    private SignerComponents(Builder b) {
        Path signerDirectory = b.dataDirectory.resolve("signer");
        this.token = SoftwareToken.open(signerDirectory.resolve("token"), b.config.pin().toCharArray(), b.random, b.clock);
        try {
            this.ocsp = OwnOcspResponses.builder().token(token).globalConf(b.globalConf)
                    .transport(new JettyOcspTransport(b.httpClient, b.config.ocspTimeout()))
                    .directory(signerDirectory.resolve("ocsp")).clock(b.clock).retryDelay(b.config.ocspRetryDelay())
                    .build();
            this.signer = TokenSigner.builder().token(token).ocsp(ocsp).clock(b.clock)
                    .maxBatchSize(b.config.maxBatchSize()).metrics(b.metrics).build();
            ocsp.start();
            for (boolean fresh : new boolean[] {true, false}) {
                Gauge.builder(OCSP_RESPONSES, () -> ocsp.statuses(b.clock.instant()).stream()
                                .filter(st -> st.fresh() == fresh).count())
                        .description("the server's own certificates with (fresh) and without (stale) a usable OCSP response")
                        .tag("state", fresh ? "fresh" : "stale").register(b.metrics);
            }
        } catch (RuntimeException e) {
            token.close();
            throw e;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The signer the proxies use. */
    public TokenSigner signer() {
        return signer;
    }

    /** The token, for key management (admin API and CLI). */
    public Token token() {
        return token;
    }

    /** The OCSP responses of the server's own certificates ({@link OwnOcspResponses#refreshNow()} after an import). */
    public OwnOcspResponses ocspResponses() {
        return ocsp;
    }

    @Override
    public void close() {
        try {
            ocsp.close();
        } finally {
            token.close();
        }
    }

    /** Collects the configuration and collaborators. Not thread-safe. */
    public static final class Builder {
        private SignerConfig config;
        private Path dataDirectory;
        private GlobalConfProvider globalConf;
        private HttpClient httpClient;
        private Clock clock = Clock.systemUTC();
        private SecureRandom random = new SecureRandom();
        private MeterRegistry metrics = new CompositeMeterRegistry();

        private Builder() {
        }

        /** Where the signer's metrics go: signing batches and the own certificates' OCSP state (default: nowhere). */
        public Builder metrics(MeterRegistry registry) {
            this.metrics = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** The settings (required). */
        public Builder config(SignerConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** The server's data directory; the signer keeps its files in {@code signer/} under it (required). */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
            return this;
        }

        /** The global configuration in force (required). */
        public Builder globalConf(GlobalConfProvider globalConf) {
            this.globalConf = Objects.requireNonNull(globalConf, "globalConf");
            return this;
        }

        /** A started HTTP client for OCSP requests, such as one from the runtime's {@code HttpClients} (required). */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /** The clock (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Randomness for keys and multipart boundaries (default: a new {@link SecureRandom}). */
        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Opens the token and starts the OCSP refresh loop.
         *
         * @throws org.sild.core.fault.XRoadException {@code PinIncorrect} for a wrong or empty PIN, or the
         *         token's faults when its files cannot be read
         */
        public SignerComponents start() {
            Objects.requireNonNull(config, "config is required");
            Objects.requireNonNull(dataDirectory, "dataDirectory is required");
            Objects.requireNonNull(globalConf, "globalConf is required");
            Objects.requireNonNull(httpClient, "httpClient is required");
            return new SignerComponents(this);
        }
    }
}
