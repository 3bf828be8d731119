package org.sild.securityserver.globalconf;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.sild.core.globalconf.CentralServerSource;
import org.sild.core.globalconf.ConfigurationSource;
import org.sild.core.globalconf.EncodedCertificate;

/**
 * Orders the locations of an instance's configuration as X-Road's downloader does: first the
 * central servers named by the {@code source} entries of the instance's last verified shared
 * parameters (for key rotation and new nodes), then the anchor's sources; within each group every
 * {@code http://} location also becomes an {@code https://} candidate, HTTPS candidates come first,
 * each kind shuffled for load spreading; the location that worked last time comes first.
 *
 * <p>Thread-safe; remembers one last successful location per instance.
 */
final class LocationPlanner {

    private final RandomGenerator random;
    private final Map<String, URI> lastSuccess = new ConcurrentHashMap<>();

    LocationPlanner(RandomGenerator random) {
        this.random = random;
    }

    /**
     * The candidates for {@code instance}: {@code sharedSources} (the {@code source} entries of its
     * stored shared parameters, each verified with its own {@code internal} or {@code external}
     * certificates), then {@code anchorSources}, verified with their certificates plus
     * {@code rotationCerts}. A URL listed twice is tried once, with the union of its certificates.
     */
    List<DownloadLocation> plan(String instance, List<ConfigurationSource> anchorSources,
                                List<CentralServerSource> sharedSources, List<X509Certificate> rotationCerts,
                                boolean internal) {
        // X-Road keeps the anchor URL's whole path (a configuration proxy serves at /NAME/conf).
        String confName = anchorSources.stream().map(s -> pathAfterHost(s.downloadUrl())).flatMap(Optional::stream)
                .findFirst().orElse(internal ? "internalconf" : "externalconf");
        var fromShared = new ArrayList<DownloadLocation>();
        for (CentralServerSource s : sharedSources) {
            List<X509Certificate> certs = parse(internal ? s.internalVerificationCerts()
                    : s.externalVerificationCerts());
            // The http form; the https form is derived from it like for the anchor's locations.
            uri("http://" + s.address() + "/" + confName).filter(u -> !certs.isEmpty())
                    .ifPresent(u -> fromShared.add(new DownloadLocation(u, certs)));
        }
        var fromAnchor = new ArrayList<DownloadLocation>();
        for (ConfigurationSource s : anchorSources) {
            var certs = new LinkedHashSet<>(s.certificates());
            certs.addAll(rotationCerts);
            uri(s.downloadUrl()).ifPresent(u -> fromAnchor.add(new DownloadLocation(u, List.copyOf(certs))));
        }
        var merged = new LinkedHashMap<URI, LinkedHashSet<X509Certificate>>();
        for (DownloadLocation l : preferHttps(fromShared)) {
            merged.computeIfAbsent(l.url(), k -> new LinkedHashSet<>()).addAll(l.verificationCerts());
        }
        for (DownloadLocation l : preferHttps(fromAnchor)) {
            merged.computeIfAbsent(l.url(), k -> new LinkedHashSet<>()).addAll(l.verificationCerts());
        }
        var result = new ArrayList<DownloadLocation>();
        merged.forEach((url, certs) -> result.add(new DownloadLocation(url, List.copyOf(certs))));
        URI last = lastSuccess.get(instance);
        if (last != null) {
            result.stream().filter(l -> l.url().equals(last)).findFirst().ifPresent(l -> {
                result.remove(l);
                result.addFirst(l);
            });
        }
        return result;
    }

    /** Remembers {@code url} as the location to try first next time. */
    void succeeded(String instance, URI url) {
        lastSuccess.put(instance, url);
    }

    /** Forgets {@code url} as the preferred location when it failed. */
    void failed(String instance, URI url) {
        lastSuccess.remove(instance, url);
    }

    /** HTTPS candidates (given and derived from HTTP ones) shuffled, then the HTTP ones shuffled. */
    private List<DownloadLocation> preferHttps(List<DownloadLocation> locations) {
        var https = new ArrayList<DownloadLocation>();
        var http = new ArrayList<DownloadLocation>();
        for (DownloadLocation l : locations) {
            String scheme = l.url().getScheme().toLowerCase(Locale.ROOT);
            if (scheme.equals("https")) {
                https.add(l);
            } else if (scheme.equals("http")) {
                http.add(l);
                uri("https" + l.url().toString().substring(scheme.length()))
                        .ifPresent(u -> https.add(new DownloadLocation(u, l.verificationCerts())));
            }
        }
        Collections.shuffle(https, random);
        Collections.shuffle(http, random);
        var all = new ArrayList<DownloadLocation>(https);
        all.addAll(http);
        return all;
    }

    private static List<X509Certificate> parse(Collection<EncodedCertificate> certs) {
        return certs.stream().map(EncodedCertificate::certificate).flatMap(Optional::stream).distinct().toList();
    }

    private static Optional<URI> uri(String text) {
        try {
            URI u = new URI(text);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null ? Optional.of(u)
                    : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The path of {@code url} without its leading slash, such as {@code internalconf} or {@code NAME/conf}. */
    private static Optional<String> pathAfterHost(String url) {
        return uri(url).map(URI::getPath).map(p -> p.startsWith("/") ? p.substring(1) : p).filter(p -> !p.isEmpty());
    }
}
