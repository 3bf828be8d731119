package org.sild.securityserver.proxy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.fault.FaultStyle;

/**
 * The settings of the client and server proxies, with X-Road's defaults (digest 03 §1, §8, §9).
 * Immutable; build with {@link #builder()}.
 *
 * @param clientHttpPort the client port for information systems over HTTP (8080)
 * @param clientHttpsPort the client port for information systems over HTTPS (8443)
 * @param serverPort the port other security servers send messages to (5500)
 * @param ocspPort the port serving this server's OCSP responses (5577)
 * @param remoteServerPort the message port of a provider whose global configuration address names no port (5500)
 * @param ocspPortOffset the provider's OCSP download port is its message port plus this (77: 5500 → 5577)
 * @param connectTimeout how long connecting to a provider security server may take (30 s)
 * @param responseTimeout how long to wait for a provider security server's answer; empty: no limit (X-Road's default)
 * @param fastestConnectCachePeriod how long the fastest of several provider servers is remembered; zero: never (1 h)
 * @param reuseConnections whether connections to provider security servers are pooled and reused
 * @param keepClientConnections whether the server port keeps consumer connections open after an exchange
 * @param minimumClientVersion the lowest {@code x-proxy-version} of a consumer accepted, if any
 * @param proxyVersion the {@code x-proxy-version} this server sends (an X-Road-like semantic version)
 * @param faultStyle how fault codes are spelled on the wire
 * @param maxSoapBytes the largest SOAP envelope accepted; envelopes are held in memory
 * @param maxMessageBytes the largest total of attachments or REST body accepted in one message
 * @param spoolThreshold bytes of a part kept in memory before it is spooled to a temporary file
 * @param spoolDirectory where temporary files go ({@code spool}; the security server resolves it against its data directory)
 * @param maxLoggedRestBodyBytes REST bodies up to this size are stored in the message log (10 MiB)
 * @param checkIsCertValidity whether an information system's TLS certificate must be within its validity period
 * @param ocspDownloadTimeout the timeout of a provider OCSP download (connect and read)
 * @param authCacheTtl how long a verified provider authentication certificate is trusted without checking again
 * @param hashAlgorithm the digest of transport message parts ({@code x-hash-algorithm})
 */
public record ProxySettings(
        int clientHttpPort,
        int clientHttpsPort,
        int serverPort,
        int ocspPort,
        int remoteServerPort,
        int ocspPortOffset,
        Duration connectTimeout,
        Optional<Duration> responseTimeout,
        Duration fastestConnectCachePeriod,
        boolean reuseConnections,
        boolean keepClientConnections,
        Optional<String> minimumClientVersion,
        String proxyVersion,
        FaultStyle faultStyle,
        int maxSoapBytes,
        long maxMessageBytes,
        int spoolThreshold,
        Path spoolDirectory,
        int maxLoggedRestBodyBytes,
        boolean checkIsCertValidity,
        Duration ocspDownloadTimeout,
        Duration authCacheTtl,
        String hashAlgorithm) {

    /** The version sent as {@code x-proxy-version}: providers that require a minimum compare it as X-Road's. */
    public static final String DEFAULT_PROXY_VERSION = "7.8.0";

    public ProxySettings {
        port("clientHttpPort", clientHttpPort);
        port("clientHttpsPort", clientHttpsPort);
        port("serverPort", serverPort);
        port("ocspPort", ocspPort);
        port("remoteServerPort", remoteServerPort);
        positive("connectTimeout", connectTimeout);
        Objects.requireNonNull(responseTimeout, "responseTimeout").ifPresent(d -> positive("responseTimeout", d));
        notNegative("fastestConnectCachePeriod", fastestConnectCachePeriod);
        Objects.requireNonNull(minimumClientVersion, "minimumClientVersion")
                .ifPresent(v -> ProxyVersion.parse(v, "minimumClientVersion"));
        ProxyVersion.parse(Objects.requireNonNull(proxyVersion, "proxyVersion"), "proxyVersion");
        Objects.requireNonNull(faultStyle, "faultStyle");
        if (maxSoapBytes < 1 || maxMessageBytes < 0 || spoolThreshold < 0 || maxLoggedRestBodyBytes < 0) {
            throw new IllegalArgumentException("sizes must not be negative (maxSoapBytes at least 1)");
        }
        Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        positive("ocspDownloadTimeout", ocspDownloadTimeout);
        notNegative("authCacheTtl", authCacheTtl);
        Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
    }

    /** A builder starting from X-Road's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults. */
    public static ProxySettings defaults() {
        return builder().build();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        var b = new Builder();
        b.clientHttpPort = clientHttpPort;
        b.clientHttpsPort = clientHttpsPort;
        b.serverPort = serverPort;
        b.ocspPort = ocspPort;
        b.remoteServerPort = remoteServerPort;
        b.ocspPortOffset = ocspPortOffset;
        b.connectTimeout = connectTimeout;
        b.responseTimeout = responseTimeout;
        b.fastestConnectCachePeriod = fastestConnectCachePeriod;
        b.reuseConnections = reuseConnections;
        b.keepClientConnections = keepClientConnections;
        b.minimumClientVersion = minimumClientVersion;
        b.proxyVersion = proxyVersion;
        b.faultStyle = faultStyle;
        b.maxSoapBytes = maxSoapBytes;
        b.maxMessageBytes = maxMessageBytes;
        b.spoolThreshold = spoolThreshold;
        b.spoolDirectory = spoolDirectory;
        b.maxLoggedRestBodyBytes = maxLoggedRestBodyBytes;
        b.checkIsCertValidity = checkIsCertValidity;
        b.ocspDownloadTimeout = ocspDownloadTimeout;
        b.authCacheTtl = authCacheTtl;
        b.hashAlgorithm = hashAlgorithm;
        return b;
    }

    private static void port(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " " + port + " is not a port number (0 picks a free one)");
        }
    }

    private static void positive(String name, Duration d) {
        if (Objects.requireNonNull(d, name).isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + d);
        }
    }

    private static void notNegative(String name, Duration d) {
        if (Objects.requireNonNull(d, name).isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, not " + d);
        }
    }

    /** Builds {@link ProxySettings}; not thread-safe. */
    public static final class Builder {
        private int clientHttpPort = 8080;
        private int clientHttpsPort = 8443;
        private int serverPort = 5500;
        private int ocspPort = 5577;
        private int remoteServerPort = 5500;
        private int ocspPortOffset = 77;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Optional<Duration> responseTimeout = Optional.empty();
        private Duration fastestConnectCachePeriod = Duration.ofHours(1);
        private boolean reuseConnections = true;
        private boolean keepClientConnections = true;
        private Optional<String> minimumClientVersion = Optional.empty();
        private String proxyVersion = DEFAULT_PROXY_VERSION;
        private FaultStyle faultStyle = FaultStyle.CLASSIC;
        private int maxSoapBytes = 16 * 1024 * 1024;
        private long maxMessageBytes = 4L * 1024 * 1024 * 1024;
        private int spoolThreshold = 1024 * 1024;
        private Path spoolDirectory = Path.of("spool");
        private int maxLoggedRestBodyBytes = 10 * 1024 * 1024;
        private boolean checkIsCertValidity;
        private Duration ocspDownloadTimeout = Duration.ofSeconds(30);
        private Duration authCacheTtl = Duration.ofSeconds(60);
        private String hashAlgorithm = "SHA-512";

        private Builder() {
        }

        public Builder clientHttpPort(int value) {
            clientHttpPort = value;
            return this;
        }

        public Builder clientHttpsPort(int value) {
            clientHttpsPort = value;
            return this;
        }

        public Builder serverPort(int value) {
            serverPort = value;
            return this;
        }

        public Builder ocspPort(int value) {
            ocspPort = value;
            return this;
        }

        public Builder remoteServerPort(int value) {
            remoteServerPort = value;
            return this;
        }

        public Builder ocspPortOffset(int value) {
            ocspPortOffset = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        public Builder responseTimeout(Duration value) {
            responseTimeout = Optional.of(value);
            return this;
        }

        public Builder fastestConnectCachePeriod(Duration value) {
            fastestConnectCachePeriod = value;
            return this;
        }

        public Builder reuseConnections(boolean value) {
            reuseConnections = value;
            return this;
        }

        public Builder keepClientConnections(boolean value) {
            keepClientConnections = value;
            return this;
        }

        public Builder minimumClientVersion(String value) {
            minimumClientVersion = Optional.of(value);
            return this;
        }

        public Builder proxyVersion(String value) {
            proxyVersion = value;
            return this;
        }

        public Builder faultStyle(FaultStyle value) {
            faultStyle = value;
            return this;
        }

        public Builder maxSoapBytes(int value) {
            maxSoapBytes = value;
            return this;
        }

        public Builder maxMessageBytes(long value) {
            maxMessageBytes = value;
            return this;
        }

        public Builder spoolThreshold(int value) {
            spoolThreshold = value;
            return this;
        }

        public Builder spoolDirectory(Path value) {
            spoolDirectory = value;
            return this;
        }

        public Builder maxLoggedRestBodyBytes(int value) {
            maxLoggedRestBodyBytes = value;
            return this;
        }

        public Builder checkIsCertValidity(boolean value) {
            checkIsCertValidity = value;
            return this;
        }

        public Builder ocspDownloadTimeout(Duration value) {
            ocspDownloadTimeout = value;
            return this;
        }

        public Builder authCacheTtl(Duration value) {
            authCacheTtl = value;
            return this;
        }

        public Builder hashAlgorithm(String value) {
            hashAlgorithm = value;
            return this;
        }

        public ProxySettings build() {
            return new ProxySettings(clientHttpPort, clientHttpsPort, serverPort, ocspPort, remoteServerPort,
                    ocspPortOffset, connectTimeout, responseTimeout, fastestConnectCachePeriod, reuseConnections,
                    keepClientConnections, minimumClientVersion, proxyVersion, faultStyle, maxSoapBytes,
                    maxMessageBytes, spoolThreshold, spoolDirectory, maxLoggedRestBodyBytes, checkIsCertValidity,
                    ocspDownloadTimeout, authCacheTtl, hashAlgorithm);
        }
    }
}
