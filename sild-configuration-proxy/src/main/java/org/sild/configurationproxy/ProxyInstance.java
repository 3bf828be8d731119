package org.sild.configurationproxy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ConfigurationAnchor;
import org.sild.core.globalconf.ConfigurationSource;
import org.sild.core.globalconf.ContentPart;
import org.sild.core.globalconf.EncodedCertificate;
import org.sild.core.globalconf.SharedParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxy instance: mirrors the configuration its source anchor describes and serves it signed
 * with its own key.
 *
 * <p>A run ({@link #update()}) reads the source anchor and the signing keys, downloads every
 * version from the minimum to 6 ({@link SourceDownloader}), re-signs each verified one
 * ({@link Republisher}) with {@code Expire-date} = now + validity, and puts the new set in force at
 * once; the part files of the two sets replaced last stay available, for clients that fetched a
 * directory just before the switch. A version that failed keeps its last signed set until that
 * expires; a run in which nothing could be downloaded changes nothing. What expired is never served: the proxy fails closed, and
 * says so in the log and in its health. The proxy never extends the validity of what it has
 * without a fresh, verified download.
 *
 * <p>Thread-safe: runs are serialised, readers never block.
 */
final class ProxyInstance {

    static final String CONF = "conf";
    /** How many replaced publications still serve their part files. */
    static final int KEEP_REPLACED = 2;

    private static final Logger LOG = LoggerFactory.getLogger(ProxyInstance.class);
    private static final Pattern SAFE_INSTANCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");
    private static final DateTimeFormatter GENERATION = DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
            .withZone(ZoneOffset.UTC);

    private final ConfigurationProxyConfig.Instance config;
    private final SigningKeys keys;
    private final PublicationFile published;
    private final SourceDownloader downloader;
    private final Republisher republisher;
    private final Clock clock;
    private final String address;
    private final int minimumVersion;
    private final ReentrantLock runLock = new ReentrantLock();
    private volatile Publication current;
    /** The publications replaced last, newest first, for clients that got a directory just before a switch. */
    private volatile List<Publication> replaced = List.of();
    private volatile List<X509Certificate> rotationCerts = List.of();
    private volatile Optional<UpdateResult> lastResult = Optional.empty();
    private volatile Optional<Instant> lastSuccess = Optional.empty();
    private volatile String instanceIdentifier;
    /** The signing certificates as of the last run (reading the key files costs too much for every request). */
    private volatile List<X509Certificate> certificates;
    private BigInteger lastGeneration = BigInteger.ZERO;
    private boolean serving;

    ProxyInstance(ConfigurationProxyConfig.Instance config, ConfigurationAnchor sourceAnchor, SigningKeys keys,
                  PublicationFile published, SourceDownloader downloader, Republisher republisher, Clock clock,
                  String address, int minimumVersion) {
        this.config = config;
        this.instanceIdentifier = sourceAnchor.instanceIdentifier();
        this.keys = keys;
        this.published = published;
        this.downloader = downloader;
        this.republisher = republisher;
        this.clock = clock;
        this.address = address;
        this.minimumVersion = minimumVersion;
        Instant now = clock.instant();
        this.certificates = keys.certificates();
        this.current = published.load(certificates, now);
        this.serving = !current.validVersions(now).isEmpty();
        if (serving) {
            LOG.info("Configuration proxy instance {}: serving the stored configuration (versions {}, valid until {})",
                    name(), current.validVersions(now), current.expireDate(now).orElseThrow());
        }
    }

    String name() {
        return config.name();
    }

    Duration downloadInterval() {
        return config.effectiveDownloadInterval();
    }

    /** Downloads, verifies, re-signs and publishes now. Never throws for source or key problems. */
    UpdateResult update() {
        runLock.lock();
        UpdateResult result;
        try {
            Instant now = clock.instant();
            try {
                result = run(now);
            } catch (XRoadException e) {
                result = UpdateResult.failed(name(), now, List.of(UpdateResult.Problem.of(Optional.empty(), name(), e)));
            } catch (RuntimeException e) {
                LOG.error("Configuration proxy instance {}: download run failed unexpectedly", name(), e);
                result = UpdateResult.failed(name(), now, List.of(new UpdateResult.Problem(Optional.empty(), name(),
                        FaultCode.of(ErrorCode.INTERNAL_ERROR), e.toString())));
            }
            lastResult = Optional.of(result);
            report(result, now);
        } finally {
            runLock.unlock();
        }
        return result;
    }

    private UpdateResult run(Instant now) {
        ConfigurationAnchor anchor;
        SigningKeys.Active key;
        List<X509Certificate> certificates;
        try {
            anchor = sourceAnchor(config.sourceAnchor());
        } catch (XRoadException e) {
            return UpdateResult.failed(name(), now, List.of(UpdateResult.Problem.of(Optional.empty(),
                    config.sourceAnchor().toString(), e)));
        }
        try {
            key = keys.active();
            certificates = keys.certificates();
        } catch (XRoadException e) {
            return UpdateResult.failed(name(), now, List.of(UpdateResult.Problem.of(Optional.empty(),
                    keys.directory().toString(), e)));
        }
        this.certificates = certificates;
        if (!anchor.instanceIdentifier().equals(instanceIdentifier)) {
            LOG.warn("Configuration proxy instance {}: the source anchor now names instance {} instead of {}; "
                    + "clients anchored to the proxy will refuse it", name(), anchor.instanceIdentifier(),
                    instanceIdentifier);
            instanceIdentifier = anchor.instanceIdentifier();
        }
        var downloaded = new ArrayList<SourceDownloader.Downloaded>();
        var failed = new ArrayList<Integer>();
        var problems = new ArrayList<UpdateResult.Problem>();
        for (int version = ConfigurationProxyConfig.MAX_VERSION; version >= minimumVersion; version--) {
            switch (downloader.download(anchor, rotationCerts, version, now)) {
                case SourceDownloader.Downloaded d -> downloaded.add(d);
                case SourceDownloader.NotOffered n -> LOG.debug("{}: the source does not offer version {}", name(),
                        n.version());
                case SourceDownloader.Failed f -> {
                    failed.add(f.version());
                    problems.addAll(f.problems());
                }
            }
        }
        if (downloaded.isEmpty()) {
            if (problems.isEmpty()) {
                problems.add(new UpdateResult.Problem(Optional.empty(), anchor.sources().getFirst().downloadUrl(),
                        FaultCode.of(ErrorCode.IO_ERROR), "the source offers none of the configuration versions "
                        + minimumVersion + " to " + ConfigurationProxyConfig.MAX_VERSION
                        + " (every request answered 404)"));
            }
            return UpdateResult.failed(name(), now, problems);
        }
        String generation = nextGeneration(now);
        Instant expireDate = now.plus(config.effectiveValidity()).truncatedTo(ChronoUnit.SECONDS);
        Map<Integer, Publication.VersionSet> sets = new HashMap<>();
        for (SourceDownloader.Downloaded d : downloaded) {
            sets.put(d.version(), republisher.republish(d, anchor.instanceIdentifier(), generation, expireDate, key,
                    certificates, address));
        }
        // A version the source failed to give keeps what was signed for it, until that expires.
        Publication previous = current;
        failed.forEach(v -> previous.valid(v, now).ifPresent(set -> sets.put(v, set)));
        replaced = Stream.concat(Stream.of(previous), replaced.stream()).limit(KEEP_REPLACED).toList();
        current = new Publication(sets);
        store(current);
        rotationCerts = sourceCerts(anchor, downloaded.getFirst());
        lastSuccess = Optional.of(now);
        List<Integer> versions = downloaded.stream().map(SourceDownloader.Downloaded::version).sorted().toList();
        return new UpdateResult(name(), now, true, versions, Optional.of(expireDate), problems);
    }

    /** Keeps the new set for a restart; a proxy that cannot write still serves from memory. */
    private void store(Publication publication) {
        try {
            published.write(publication);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Configuration proxy instance {}: cannot store the configuration in {} for a restart: {}", name(),
                    published.path(), e.toString());
        }
    }

    private void report(UpdateResult result, Instant now) {
        boolean nowServing = !current.validVersions(now).isEmpty();
        if (result.updated()) {
            LOG.info("Configuration proxy instance {}: versions {} re-signed, valid until {}{}", name(),
                    result.versions(), result.expireDate().orElseThrow(),
                    result.problems().isEmpty() ? "" : "; failed: " + result.problems());
        } else if (nowServing) {
            LOG.error("Configuration proxy instance {}: download failed, serving the last signed configuration "
                    + "until {}: {}", name(), current.expireDate(now).orElseThrow(), result.problems());
        } else {
            LOG.error("Configuration proxy instance {}: download failed and nothing valid is left to serve "
                    + "(last successful download: {}); clients get 404 until the source is back: {}", name(),
                    lastSuccess.map(Instant::toString).orElse("never"), result.problems());
        }
        if (serving && !nowServing) {
            LOG.error("Configuration proxy instance {}: everything it published has expired; it serves nothing now",
                    name());
        }
        serving = nowServing;
    }

    /** The signed directory of {@code version} if one is valid now. */
    Optional<byte[]> directory(int version) {
        return current.valid(version, clock.instant()).map(Publication.VersionSet::directory);
    }

    /** The part file at URL path {@code path} of the current or a recently replaced set still valid now. */
    Optional<byte[]> file(String path) {
        Instant now = clock.instant();
        return current.file(path, now).or(() -> replaced.stream().map(p -> p.file(path, now))
                .flatMap(Optional::stream).findFirst());
    }

    /** The versions served now. */
    List<Integer> servedVersions() {
        return current.validVersions(clock.instant());
    }

    /** The expiry of what is served now, if anything is. */
    Optional<Instant> expireDate() {
        return current.expireDate(clock.instant());
    }

    Optional<UpdateResult> lastResult() {
        return lastResult;
    }

    Optional<Instant> lastSuccess() {
        return lastSuccess;
    }

    /**
     * The anchor clients of this instance import: the source's instance identifier (as last read), download URL
     * {@code http://ADDRESS/NAME/conf} and the certificates of every signing key (as of the last run).
     */
    ConfigurationAnchor anchor() {
        return anchor(instanceIdentifier, address, name(), certificates, clock.instant());
    }

    static ConfigurationAnchor anchor(String instance, String address, String name, List<X509Certificate> certs,
                                      Instant generatedAt) {
        var source = new ConfigurationSource("http://" + address + "/" + name + "/" + CONF,
                certs.stream().map(EncodedCertificate::of).toList());
        return new ConfigurationAnchor(Optional.of(generatedAt.truncatedTo(ChronoUnit.MILLIS)), instance,
                List.of(source));
    }

    /**
     * Reads the source anchor file.
     *
     * @throws XRoadException {@code MalformedAnchor} naming the file and the problem
     */
    static ConfigurationAnchor sourceAnchor(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(ConfigurationAnchor.MAX_SIZE + 1);
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.MALFORMED_ANCHOR, "cannot read the source anchor " + file + ": "
                    + e.getMessage(), e);
        }
        if (bytes.length > ConfigurationAnchor.MAX_SIZE) {
            throw new XRoadException(ErrorCode.MALFORMED_ANCHOR, "the source anchor " + file + " is larger than "
                    + ConfigurationAnchor.MAX_SIZE + " bytes");
        }
        ConfigurationAnchor anchor;
        try {
            anchor = ConfigurationAnchor.parse(bytes);
        } catch (XRoadException e) {
            throw new XRoadException(ErrorCode.MALFORMED_ANCHOR, "the source anchor " + file + ": " + e.getMessage(), e);
        }
        if (!SAFE_INSTANCE.matcher(anchor.instanceIdentifier()).matches()) {
            throw new XRoadException(ErrorCode.MALFORMED_ANCHOR, "the source anchor " + file
                    + " names the instance '" + anchor.instanceIdentifier() + "', which cannot be used in a URL path");
        }
        return anchor;
    }

    /**
     * The certificates the source's own shared parameters announce for the kind of configuration
     * mirrored ({@code internalconf}: internal, {@code externalconf}: external, else both), so a key
     * the source rotates to is accepted without a new source anchor.
     */
    private static List<X509Certificate> sourceCerts(ConfigurationAnchor anchor, SourceDownloader.Downloaded newest) {
        if (newest.version() < 3) {
            return List.of();
        }
        Optional<SharedParameters> shared = newest.parts().stream()
                .filter(p -> p.entry().is(ContentPart.SHARED_PARAMETERS))
                .findFirst().map(p -> SharedParameters.parse(p.content(), newest.version()));
        String conf = anchor.sources().stream().map(s -> lastSegment(s.downloadUrl())).findFirst().orElse("");
        return shared.map(s -> switch (conf) {
            case "internalconf" -> s.internalVerificationCerts();
            case "externalconf" -> s.externalVerificationCerts();
            default -> {
                var all = new ArrayList<>(s.internalVerificationCerts());
                s.externalVerificationCerts().stream().filter(c -> !all.contains(c)).forEach(all::add);
                yield List.copyOf(all);
            }
        }).orElse(List.of());
    }

    private static String lastSegment(String url) {
        try {
            String path = URI.create(url).getPath();
            return path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** The time as {@code yyyyMMddHHmmss} and nine digits of nanoseconds, always increasing. */
    private String nextGeneration(Instant now) {
        BigInteger stamp = new BigInteger(GENERATION.format(now) + String.format("%09d", now.getNano()));
        lastGeneration = stamp.compareTo(lastGeneration) > 0 ? stamp : lastGeneration.add(BigInteger.ONE);
        return lastGeneration.toString();
    }
}
