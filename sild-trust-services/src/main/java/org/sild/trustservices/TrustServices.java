package org.sild.trustservices;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.runtime.admin.ApiKey;
import org.sild.runtime.health.Health;
import org.sild.runtime.health.HealthCheck;
import org.sild.runtime.http.HttpServer;
import org.sild.runtime.metrics.Metrics;
import org.sild.runtime.store.Store;
import org.sild.trustservices.ca.CaApi;
import org.sild.trustservices.ca.CertificateAuthority;
import org.sild.trustservices.ca.CertificateType;
import org.sild.trustservices.ca.KeyAndCertificate;
import org.sild.trustservices.ca.Pkcs12File;
import org.sild.trustservices.ca.SqlCertificateRepository;
import org.sild.trustservices.ocsp.OcspHandler;
import org.sild.trustservices.ocsp.OcspResponder;
import org.sild.trustservices.ocsp.OcspSettings;
import org.sild.trustservices.tsa.TimeStampAuthority;
import org.sild.trustservices.tsa.TsaHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development trust services, assembled and running: on one port the CA's HTTP API
 * ({@code /ca/...}), {@code /health}, {@code /metrics} and the OCSP responder (every other path);
 * on another the TSA. State lives in a {@link Store}, keys in files under the data directory.
 *
 * <p>On first start it creates the root CA ({@code ca.p12}), the TSA's key and certificate issued by
 * it ({@code tsa.p12}) and, when the configuration names no API key, a random one ({@code api-key});
 * later starts reuse them. A TSA certificate that is expired or not issued by the current CA is
 * replaced.
 *
 * <p>Lifecycle: {@link #create} starts everything or, when a part fails, closes what it had started
 * and throws; {@link #close} stops the servers, then metrics and the store. Thread-safe.
 */
public final class TrustServices implements AutoCloseable {

    /** File names under the data directory. */
    public static final String CA_FILE = "ca.p12";
    public static final String TSA_FILE = "tsa.p12";
    public static final String API_KEY_FILE = "api-key";

    private static final Logger LOG = LoggerFactory.getLogger(TrustServices.class);

    private final Deque<AutoCloseable> resources;
    private final CertificateAuthority ca;
    private final KeyAndCertificate tsa;
    private final Optional<String> generatedApiKey;
    private final HttpServer caServer;
    private final HttpServer tsaServer;

    private TrustServices(Deque<AutoCloseable> resources, CertificateAuthority ca, KeyAndCertificate tsa,
            Optional<String> generatedApiKey, HttpServer caServer, HttpServer tsaServer) {
        this.resources = resources;
        this.ca = ca;
        this.tsa = tsa;
        this.generatedApiKey = generatedApiKey;
        this.caServer = caServer;
        this.tsaServer = tsaServer;
    }

    /** Starts the trust services {@code config} describes, with the system clock and a new {@link SecureRandom}. */
    public static TrustServices create(TrustServicesConfig config) {
        return create(config, Clock.systemUTC(), new SecureRandom());
    }

    /**
     * Starts the trust services {@code config} describes, reading time from {@code clock}.
     *
     * @throws XRoadException when the data directory, a key file, the store or a port cannot be used
     */
    public static TrustServices create(TrustServicesConfig config, Clock clock, SecureRandom random) {
        Objects.requireNonNull(config, "config");
        var resources = new ArrayDeque<AutoCloseable>();
        try {
            Path dir = config.dataDir();
            createDirectory(dir);
            Store store = Store.builder().name("trust-services").config(config.store()).defaultDirectory(dir)
                    .migrations(SqlCertificateRepository.MIGRATIONS).open();
            resources.push(store);
            char[] password = config.keyPassword().toCharArray();
            KeyAndCertificate root = Pkcs12File.read(dir.resolve(CA_FILE), password).orElseGet(() -> {
                KeyAndCertificate created = CertificateAuthority.createRoot(new X500Principal(config.ca().name()),
                        config.ca().validity(), clock, random);
                Pkcs12File.write(dir.resolve(CA_FILE), password, created);
                LOG.info("Created development CA {} in {}", created.certificate().getSubjectX500Principal(), dir);
                return created;
            });
            requireValid(root.certificate(), clock.instant(), dir.resolve(CA_FILE));
            var ca = new CertificateAuthority(root, config.issuingPolicy(ocspUrl(config)),
                    new SqlCertificateRepository(store, root.certificate()), clock, random);
            KeyAndCertificate tsaKey = tsaCredential(config, ca, password, clock);
            Optional<String> generatedKey = config.apiKeys().isEmpty()
                    ? Optional.of(generatedApiKey(dir, random)) : Optional.empty();
            List<ApiKey> apiKeys = generatedKey.map(k -> List.of(new ApiKey("generated", k)))
                    .orElse(config.apiKeys());

            Metrics metrics = Metrics.create();
            resources.push(metrics);
            Health health = Health.builder().check("store", HealthCheck.store(store, Duration.ofSeconds(2))).build();
            var responder = new OcspResponder(root, root.certificate(), ca::status,
                    new OcspSettings(config.ocsp().nextUpdate(), config.ocsp().cacheTime()), clock);
            Handler caPort = new Handler.Sequence(metrics.handler(), health.handler(), CaApi.handler(ca, apiKeys),
                    new OcspHandler(responder));
            Handler caHandler = metrics.instrument("trust-services-ca", caPort);
            HttpServer caServer = HttpServer.builder().name("trust-services-ca").host(config.host())
                    .port(config.port()).handler(caHandler).build().start();
            resources.push(caServer);
            allowBase64Paths(caHandler);
            var timeStamps = new TimeStampAuthority(tsaKey, config.tsa().policy(), clock, random);
            HttpServer tsaServer = HttpServer.builder().name("trust-services-tsa").host(config.host())
                    .port(config.tsaPort()).handler(metrics.instrument("trust-services-tsa", new TsaHandler(timeStamps)))
                    .build().start();
            resources.push(tsaServer);
            LOG.info("Trust services: CA and OCSP at {}, TSA at {}", caServer.uri(), tsaServer.uri());
            return new TrustServices(resources, ca, tsaKey, generatedKey, caServer, tsaServer);
        } catch (RuntimeException e) {
            closeAll(resources, e);
            throw e;
        }
    }

    /** The base URL of the CA and the OCSP responder, for example {@code http://127.0.0.1:8888/}. */
    public URI caUrl() {
        return caServer.uri();
    }

    /** The OCSP responder's URL (the same as {@link #caUrl()}): POST requests here. */
    public URI ocspUrl() {
        return caServer.uri();
    }

    /** The TSA's URL, for example {@code http://127.0.0.1:8899/}. */
    public URI tsaUrl() {
        return tsaServer.uri();
    }

    /** The CA, for issuing and revoking in-process (as the sandbox does). */
    public CertificateAuthority ca() {
        return ca;
    }

    /** The CA certificate: the trust anchor of everything issued here. */
    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    /** The TSA certificate. */
    public X509Certificate tsaCertificate() {
        return tsa.certificate();
    }

    /**
     * The API key generated into {@code data-dir/api-key} because the configuration names none; empty
     * when the configuration has API keys.
     */
    public Optional<String> generatedApiKey() {
        return generatedApiKey;
    }

    /** Stops the TSA and CA servers, then closes metrics and the store. Idempotent. */
    @Override
    public void close() {
        XRoadException failure = closeAll(resources, null);
        if (failure != null) {
            throw failure;
        }
    }

    private static XRoadException closeAll(Deque<AutoCloseable> resources, RuntimeException cause) {
        XRoadException failure = null;
        synchronized (resources) {
            while (!resources.isEmpty()) {
                try {
                    resources.pop().close();
                } catch (Exception e) {
                    if (cause != null) {
                        cause.addSuppressed(e);
                    } else if (failure == null) {
                        failure = new XRoadException(ErrorCode.INTERNAL_ERROR, "Stopping trust services failed: "
                                + e.getMessage(), e);
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
        }
        return failure;
    }

    /** The OCSP URL for certificates: configured, or this server's when host and port are fixed. */
    private static Optional<URI> ocspUrl(TrustServicesConfig config) {
        if (config.ocsp().url().isPresent()) {
            return config.ocsp().url();
        }
        String host = config.host();
        if (config.port() == 0 || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            return Optional.empty();
        }
        return Optional.of(URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + config.port() + "/"));
    }

    private static KeyAndCertificate tsaCredential(TrustServicesConfig config, CertificateAuthority ca,
            char[] password, Clock clock) {
        Path file = config.dataDir().resolve(TSA_FILE);
        Optional<KeyAndCertificate> existing = Pkcs12File.read(file, password)
                .filter(k -> issuedBy(k.certificate(), ca.certificate()))
                .filter(k -> k.certificate().getNotAfter().toInstant().isAfter(clock.instant()));
        if (existing.isPresent()) {
            return existing.get();
        }
        KeyAndCertificate created = ca.issueWithNewKey(new X500Principal(config.tsa().name()), CertificateType.TSA);
        Pkcs12File.write(file, password, created);
        LOG.info("Issued TSA certificate {} (serial {})", created.certificate().getSubjectX500Principal(),
                created.certificate().getSerialNumber());
        return created;
    }

    private static boolean issuedBy(X509Certificate certificate, X509Certificate ca) {
        if (!certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The key in {@code dir/api-key}, made there (random, 256 bits, owner-only) on first use. */
    private static String generatedApiKey(Path dir, SecureRandom random) {
        Path file = dir.resolve(API_KEY_FILE);
        try {
            if (Files.exists(file)) {
                String key = Files.readString(file, StandardCharsets.US_ASCII).strip();
                new ApiKey("generated", key);
                return key;
            }
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), API_KEY_FILE, ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not POSIX: the data directory's protection applies.
            }
            Files.writeString(temp, key + "\n", StandardCharsets.US_ASCII);
            Files.move(temp, file);
            LOG.info("Generated the API key for issuing and revoking into {}", file);
            return key;
        } catch (IOException | XRoadException e) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "Cannot use API key file " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private static void requireValid(X509Certificate caCert, Instant now, Path file) {
        if (caCert.getNotAfter().toInstant().isBefore(now)) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "The CA certificate in " + file + " expired at "
                    + caCert.getNotAfter().toInstant() + "; move the data directory away to start a new CA");
        }
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "Cannot create data directory " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Lets the server of {@code handler} accept the paths of OCSP GET requests (RFC 6960 A.1): base64
     * holds '/' (sent as {@code %2F}, or bare, which can make an empty segment), and Jetty refuses both
     * as ambiguous by default. The runtime's {@code HttpServer} has no setting for it yet, so it is set
     * on the started server's connectors; Jetty reads it for every request. The CA's API is not
     * affected: its router decodes and checks segments itself.
     */
    private static void allowBase64Paths(Handler handler) {
        UriCompliance compliance = UriCompliance.DEFAULT.with("sild-ocsp-get",
                UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR, UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT);
        for (Connector connector : handler.getServer().getConnectors()) {
            HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
            if (http != null) {
                http.getHttpConfiguration().setUriCompliance(compliance);
            }
        }
    }
}
