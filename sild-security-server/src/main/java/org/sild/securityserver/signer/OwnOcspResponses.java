package org.sild.securityserver.signer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.pki.CertChain;
import org.sild.core.pki.CertHashes;
import org.sild.core.pki.OcspResponse;
import org.sild.core.pki.OcspVerifier;
import org.sild.securityserver.globalconf.GlobalConf;
import org.sild.securityserver.globalconf.GlobalConfProvider;
import org.sild.securityserver.signer.OcspFetcher.Verified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OCSP responses of the security server's own certificates: the authentication certificate and
 * every signing certificate on the token, each with the CA certificates of its path below the trust
 * anchor.
 *
 * <p>{@link #refresh} builds each certificate's path to an approved CA of the own instance, fetches a
 * response for every certificate on it from the responders global configuration lists (digest 03
 * §4), verifies it, keeps it in memory and persists it under the directory (one {@code .der} file per
 * certificate, named by its SHA-256), so that after a restart {@link #load} serves at once. A
 * response that verifies but says revoked or unknown removes the certificate's response. The
 * background loop ({@link #start}) refreshes every {@code ocspFetchInterval} of global configuration,
 * sooner when a response would otherwise go stale (when three quarters of its usable life have
 * passed) and after {@code retryDelay} while a response is missing or a fetch failed.
 *
 * <p>Readers only ever get responses that verified and are fresh at the time they ask; a response
 * verified under an earlier global configuration is verified again under the current one first.
 * Thread-safe. Lifecycle: build, {@link #start} (or {@link #load}/{@link #refresh} by hand),
 * {@link #close}.
 */
public final class OwnOcspResponses implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OwnOcspResponses.class);
    private static final String SUFFIX = ".der";

    private final Token token;
    private final GlobalConfProvider globalConf;
    private final OcspFetcher fetcher;
    private final Path directory;
    private final Clock clock;
    private final Duration retryDelay;
    private final ReentrantLock refreshing = new ReentrantLock();
    private final Map<X509Certificate, Verified> responses = new ConcurrentHashMap<>();
    private final RefreshLoop loop;
    private volatile CertificatePaths paths = CertificatePaths.NONE;
    private volatile Map<X509Certificate, String> fetchProblems = Map.of();
    private volatile Instant nextRefresh = Instant.MIN;

    private OwnOcspResponses(Builder b) {
        this.token = b.token;
        this.globalConf = b.globalConf;
        this.fetcher = new OcspFetcher(b.transport);
        this.directory = b.directory;
        this.clock = b.clock;
        this.retryDelay = b.retryDelay;
        this.loop = new RefreshLoop("sild-ocsp-refresh", this::refreshLogged, () -> nextRefresh, clock);
    }

    /** A builder; token, global configuration, transport and directory are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Loads the persisted responses that still verify, then starts the background refresh loop (first run at once). */
    public void start() {
        try {
            load();
        } catch (XRoadException e) {
            LOG.warn("cannot load persisted OCSP responses: {}", e.getMessage());
        }
        loop.start();
    }

    /** Asks the background loop to refresh now (after a certificate was imported, say); returns at once. */
    public void refreshNow() {
        loop.wakeUp();
    }

    /**
     * Resolves the token's certificate paths and takes the persisted responses that verify at now.
     *
     * @throws XRoadException {@code OutdatedGlobalConf} when there is no valid global configuration
     */
    public void load() {
        refreshing.lock();
        try {
            Instant now = clock.instant();
            GlobalConf conf = globalConf.current(now);
            OcspVerifier verifier = new OcspVerifier(conf.ocspTrust(conf.instance()));
            CertificatePaths resolved = CertificatePaths.resolve(token, conf, now);
            AtomicFiles.directory(directory);
            for (var subject : resolved.subjects().entrySet()) {
                Path file = file(subject.getKey());
                if (!responses.containsKey(subject.getKey()) && Files.isRegularFile(file)) {
                    try {
                        OcspResponse response = OcspResponse.parse(AtomicFiles.read(file, OcspResponse.MAX_SIZE));
                        if (OcspFetcher.verify(response, subject.getKey(), subject.getValue(), conf, verifier, now)
                                instanceof OcspFetcher.Good good) {
                            responses.put(subject.getKey(), good.verified());
                        }
                    } catch (XRoadException e) {
                        LOG.warn("ignoring persisted OCSP response {}: {}", file, e.getMessage());
                    }
                }
            }
            paths = resolved;
        } finally {
            refreshing.unlock();
        }
    }

    /**
     * Fetches, verifies and persists fresh responses for every certificate now, and plans the next
     * refresh. Failures are kept per certificate (see {@link #statuses}) and never thrown, except
     * {@code OutdatedGlobalConf} when there is no valid global configuration.
     */
    public void refresh() {
        refreshing.lock();
        try {
            Instant now = clock.instant();
            GlobalConf conf;
            try {
                conf = globalConf.current(now);
            } catch (XRoadException e) {
                nextRefresh = now.plus(retryDelay);
                throw e;
            }
            OcspVerifier verifier = new OcspVerifier(conf.ocspTrust(conf.instance()));
            CertificatePaths resolved = CertificatePaths.resolve(token, conf, now);
            AtomicFiles.directory(directory);
            var problems = new LinkedHashMap<X509Certificate, String>();
            for (var subject : resolved.subjects().entrySet()) {
                X509Certificate cert = subject.getKey();
                switch (fetcher.fetch(cert, subject.getValue(), conf, verifier, now)) {
                    case OcspFetcher.Good good -> {
                        responses.put(cert, good.verified());
                        persist(cert, good.verified().response().encoded());
                    }
                    case OcspFetcher.NotGood notGood -> {
                        responses.remove(cert);
                        forget(cert);
                        problems.put(cert, notGood.why());
                    }
                    case OcspFetcher.Failed failed -> problems.put(cert, failed.why());
                }
            }
            report(problems);
            fetchProblems = Map.copyOf(problems);
            paths = resolved;
            forgetOthers(resolved.subjects().keySet());
            nextRefresh = plan(now, conf, resolved);
        } finally {
            refreshing.unlock();
        }
    }

    /** When the background loop refreshes next ({@link Instant#MIN} before the first refresh). */
    public Instant nextRefresh() {
        return nextRefresh;
    }

    /** The state of every certificate that needs a response, for diagnostics. */
    public List<OcspStatus> statuses(Instant now) {
        CertificatePaths r = paths;
        var out = new ArrayList<OcspStatus>();
        r.problems().forEach((cert, why) -> out.add(new OcspStatus(cert, Optional.empty(), Optional.empty(), false,
                Optional.of(why))));
        for (X509Certificate cert : r.subjects().keySet()) {
            Optional<Verified> v = Optional.ofNullable(responses.get(cert));
            out.add(new OcspStatus(cert, v.map(x -> x.response().thisUpdate()),
                    v.flatMap(x -> x.response().nextUpdate()), v.map(x -> x.freshAt(now)).orElse(false),
                    Optional.ofNullable(fetchProblems.get(cert))));
        }
        return List.copyOf(out);
    }

    /**
     * The path of {@code endEntity} (leaf first, without the trust anchor) with a verified, fresh DER
     * response for each of its certificates, in the same order.
     *
     * @throws XRoadException {@code CertValidation} naming the certificate and why there is none
     */
    Evidence evidence(X509Certificate endEntity, Instant now) {
        CertChain path = paths.paths().get(endEntity);
        if (path == null) {
            String why = paths.problems().get(endEntity);
            if (why == null) {
                refreshNow();
                why = "its OCSP status has not been fetched yet";
            }
            throw new XRoadException(ErrorCode.CERT_VALIDATION, "certificate " + KeyCertificates.name(endEntity)
                    + " cannot be used: " + why);
        }
        var ders = new ArrayList<byte[]>(path.certificates().size());
        for (X509Certificate cert : path.certificates()) {
            ders.add(current(cert, now).response().encoded());
        }
        return new Evidence(path.certificates(), ders);
    }

    /**
     * The verified, fresh DER response for one of the server's own certificates (what a management
     * request attaches to the owner's signature).
     *
     * @throws XRoadException {@code CertValidation} when there is none
     */
    public byte[] response(X509Certificate certificate, Instant now) {
        return evidence(certificate, now).ocspResponses().get(0);
    }

    /** A verified, fresh DER response for the certificate with lower-case hex SHA-1 or SHA-256 {@code hash}. */
    Optional<byte[]> response(String hash, Instant now) {
        X509Certificate cert = paths.byHash().get(hash);
        if (cert == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(current(cert, now).response().encoded());
        } catch (XRoadException e) {
            return Optional.empty();
        }
    }

    /** Stops the background loop. */
    @Override
    public void close() {
        loop.close();
    }

    /** A certificate path and its DER OCSP responses, both leaf first. */
    record Evidence(List<X509Certificate> path, List<byte[]> ocspResponses) {
    }

    private Verified current(X509Certificate cert, Instant now) {
        Verified v = responses.get(cert);
        if (v == null) {
            String why = Optional.ofNullable(fetchProblems.get(cert)).orElse("none has been fetched yet");
            throw new XRoadException(ErrorCode.CERT_VALIDATION, "no verified OCSP response for "
                    + KeyCertificates.name(cert) + ": " + why);
        }
        GlobalConf conf = globalConf.current(now);
        if (v.conf() != conf) {
            var verifier = new OcspVerifier(conf.ocspTrust(conf.instance()));
            switch (OcspFetcher.verify(v.response(), v.subject(), v.issuer(), conf, verifier, now)) {
                case OcspFetcher.Good good -> {
                    v = good.verified();
                    responses.put(cert, v);
                }
                case OcspFetcher.NotGood notGood -> {
                    responses.remove(cert, v);
                    throw new XRoadException(ErrorCode.CERT_VALIDATION, notGood.why());
                }
                case OcspFetcher.Failed failed -> {
                    responses.remove(cert, v);
                    throw new XRoadException(ErrorCode.CERT_VALIDATION, "the OCSP response for "
                            + KeyCertificates.name(cert) + " does not verify: " + failed.why());
                }
            }
        }
        if (!v.freshAt(now)) {
            throw new XRoadException(ErrorCode.CERT_VALIDATION, "the OCSP response for " + KeyCertificates.name(cert)
                    + " is no longer fresh (thisUpdate " + v.response().thisUpdate() + ")");
        }
        return v;
    }

    /** Drops responses and files of certificates that are no longer on the token. */
    private void forgetOthers(Set<X509Certificate> needed) {
        responses.keySet().retainAll(needed);
        Set<String> keep = needed.stream().map(c -> CertHashes.sha256Hex(c) + SUFFIX).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(f -> f.getFileName().toString().endsWith(SUFFIX) && !keep.contains(f.getFileName().toString()))
                    .forEach(AtomicFiles::delete);
        } catch (IOException | XRoadException e) {
            LOG.warn("cannot clean up {}: {}", directory, e.getMessage());
        }
    }

    /** The next refresh: the fetch interval, sooner for a response nearing its end, or the retry delay. */
    private Instant plan(Instant now, GlobalConf conf, CertificatePaths resolved) {
        Instant next = now.plusSeconds(conf.stored().ocspFetchInterval().effectiveSeconds());
        Instant retry = now.plus(retryDelay);
        // A certificate without a path waits for the next interval (or refreshNow): retrying cannot fix a configuration.
        if (!fetchProblems.isEmpty()) {
            next = min(next, retry);
        }
        for (X509Certificate cert : resolved.subjects().keySet()) {
            Verified v = responses.get(cert);
            if (v == null) {
                next = min(next, retry);
                continue;
            }
            Instant stale = v.staleAt();
            Instant due = stale.minus(Duration.between(v.response().thisUpdate(), stale).dividedBy(4));
            next = min(next, due.isBefore(retry) ? retry : due);
        }
        return next;
    }

    private void refreshLogged() {
        try {
            refresh();
        } catch (XRoadException e) {
            LOG.warn("OCSP refresh skipped: {}", e.getMessage());
        }
    }

    private void report(Map<X509Certificate, String> problems) {
        problems.forEach((cert, why) -> {
            if (!why.equals(fetchProblems.get(cert))) {
                LOG.warn("OCSP: {}", why);
            }
        });
    }

    private void persist(X509Certificate cert, byte[] der) {
        try {
            AtomicFiles.write(file(cert), der);
        } catch (XRoadException e) {
            LOG.warn("cannot persist the OCSP response for {}: {}", KeyCertificates.name(cert), e.getMessage());
        }
    }

    private void forget(X509Certificate cert) {
        try {
            AtomicFiles.delete(file(cert));
        } catch (XRoadException e) {
            LOG.warn("cannot delete the OCSP response for {}: {}", KeyCertificates.name(cert), e.getMessage());
        }
    }

    private Path file(X509Certificate cert) {
        return directory.resolve(CertHashes.sha256Hex(cert) + SUFFIX);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Collects the collaborators of {@link OwnOcspResponses}. Not thread-safe. */
    public static final class Builder {
        private Token token;
        private GlobalConfProvider globalConf;
        private OcspTransport transport;
        private Path directory;
        private Clock clock = Clock.systemUTC();
        private Duration retryDelay = Duration.ofSeconds(30);

        private Builder() {
        }

        /** The token whose certificates need responses (required). */
        public Builder token(Token token) {
            this.token = Objects.requireNonNull(token, "token");
            return this;
        }

        /** Where responder URLs, trust and the fetch interval come from (required). */
        public Builder globalConf(GlobalConfProvider globalConf) {
            this.globalConf = Objects.requireNonNull(globalConf, "globalConf");
            return this;
        }

        /** How requests reach the responders (required). */
        public Builder transport(OcspTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** Where responses are persisted (required; created owner-only when missing). */
        public Builder directory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** The clock of verification and planning (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How soon to try again while a response is missing or a fetch failed (default 30 s, at least 1 s). */
        public Builder retryDelay(Duration delay) {
            if (delay.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("OCSP retry delay " + delay + " is shorter than 1 s");
            }
            this.retryDelay = delay;
            return this;
        }

        public OwnOcspResponses build() {
            Objects.requireNonNull(token, "token is required");
            Objects.requireNonNull(globalConf, "globalConf is required");
            Objects.requireNonNull(transport, "transport is required");
            Objects.requireNonNull(directory, "directory is required");
            return new OwnOcspResponses(this);
        }
    }
}
