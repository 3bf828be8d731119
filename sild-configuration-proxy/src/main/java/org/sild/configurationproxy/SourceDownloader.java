package org.sild.configurationproxy;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ConfigurationAnchor;
import org.sild.core.globalconf.ConfigurationDirectory;
import org.sild.core.globalconf.ConfigurationSource;
import org.sild.core.globalconf.ContentPart;
import org.sild.core.globalconf.DirectoryVerifier;
import org.sild.core.globalconf.PrivateParameters;
import org.sild.core.globalconf.SharedParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one configuration version of a source as X-Road's configuration client does for the
 * proxy: {@code DOWNLOAD-URL?version=N} from the anchor's locations in turn, the signed directory
 * verified with the location's certificates (and the source's announced ones, for its key
 * rotation) including its expiry, its {@code Version} checked, then every part of the anchor's
 * instance downloaded, checked against its hash and, for private and shared parameters, parsed.
 * Every download is bounded in size; a failure anywhere fails the location.
 *
 * <p>Thread-safe.
 */
final class SourceDownloader {

    /** Largest signed directory accepted; real ones are a few kilobytes. */
    static final int MAX_DIRECTORY_SIZE = 4 * 1024 * 1024;
    /** Most parts one directory may list. */
    static final int MAX_PARTS = 100;
    /** Largest optional part accepted. */
    static final int MAX_OTHER_PART_SIZE = 16 * 1024 * 1024;
    /** Most bytes all parts of one version may have together. */
    static final long MAX_TOTAL_SIZE = 128L * 1024 * 1024;

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    private static final Logger LOG = LoggerFactory.getLogger(SourceDownloader.class);

    /** What downloading one version gave. */
    sealed interface Outcome permits Downloaded, NotOffered, Failed {
    }

    /** A verified version: its directory, where it came from, and the parts of the anchor's instance. */
    record Downloaded(int version, URI location, ConfigurationDirectory directory, List<Part> parts)
            implements Outcome {
    }

    /** Every location answered 404: the source does not offer this version. */
    record NotOffered(int version) implements Outcome {
    }

    /** No location gave a verified version; one problem per location. */
    record Failed(int version, List<UpdateResult.Problem> problems) implements Outcome {
    }

    /** A downloaded part: its directory entry, the file name it is republished under and its bytes. */
    record Part(ContentPart entry, String contentIdentifier, String fileName, byte[] content) {
    }

    private final Downloads downloads;

    SourceDownloader(Downloads downloads) {
        this.downloads = downloads;
    }

    Outcome download(ConfigurationAnchor anchor, List<X509Certificate> rotationCerts, int version, Instant now) {
        var problems = new ArrayList<UpdateResult.Problem>();
        Optional<Integer> v = Optional.of(version);
        int notFound = 0;
        for (ConfigurationSource source : anchor.sources()) {
            URI url;
            try {
                url = withVersion(new URI(source.downloadUrl()), version);
            } catch (URISyntaxException | IllegalArgumentException e) {
                problems.add(new UpdateResult.Problem(v, source.downloadUrl(), FaultCode.of(ErrorCode.MALFORMED_ANCHOR),
                        "the anchor's download URL is not a URL"));
                continue;
            }
            var certs = new LinkedHashSet<>(source.certificates());
            certs.addAll(rotationCerts);
            try {
                Downloads.Response response = downloads.get(url, MAX_DIRECTORY_SIZE);
                if (response.notFound()) {
                    notFound++;
                    continue;
                }
                if (!response.ok()) {
                    throw new XRoadException(ErrorCode.IO_ERROR, "GET " + url + " answered HTTP " + response.status());
                }
                return verified(anchor.instanceIdentifier(), url, response.body(), List.copyOf(certs), version, now);
            } catch (XRoadException e) {
                problems.add(UpdateResult.Problem.of(v, url.toString(), e));
            } catch (RuntimeException e) {
                // A bug must cost this location, not the run: the other locations and versions still count.
                LOG.error("Unexpected failure downloading {}", url, e);
                problems.add(new UpdateResult.Problem(v, url.toString(), FaultCode.of(ErrorCode.INTERNAL_ERROR),
                        e.toString()));
            }
        }
        if (problems.isEmpty() && notFound > 0) {
            return new NotOffered(version);
        }
        if (problems.isEmpty()) {
            problems.add(new UpdateResult.Problem(v, "anchor", FaultCode.of(ErrorCode.MALFORMED_ANCHOR),
                    "the anchor names no configuration source"));
        }
        return new Failed(version, problems);
    }

    private Downloaded verified(String instance, URI url, byte[] body, List<X509Certificate> certs, int version,
                                Instant now) {
        ConfigurationDirectory directory = new DirectoryVerifier(certs).verify(body, now);
        if (directory.configurationVersion() != version) {
            throw malformed(url + " answered a version " + directory.configurationVersion() + " directory");
        }
        if (directory.parts().size() > MAX_PARTS) {
            throw malformed(url + " lists " + directory.parts().size() + " parts, at most " + MAX_PARTS
                    + " are accepted");
        }
        var parts = new ArrayList<Part>();
        var names = new HashSet<String>();
        long total = 0;
        for (ContentPart entry : directory.parts()) {
            if (entry.instance().filter(i -> !i.equals(instance)).isPresent()) {
                LOG.debug("Skipping {} of instance {} listed by {}", entry.contentLocation(), entry.instance().get(), url);
                continue;
            }
            String id = entry.contentIdentifier().filter(i -> !i.isBlank() && !i.contains(";") && isPrintable(i))
                    .orElseThrow(() -> malformed(url + " lists " + abbreviate(entry.contentLocation())
                            + " without a usable Content-identifier"));
            String name = entry.fileName();
            if (!FILE_NAME.matcher(name).matches() || name.endsWith(".metadata")) {
                throw malformed(url + " names a part file '" + abbreviate(name) + "', which cannot be republished");
            }
            if (!names.add(name)) {
                throw malformed(url + " lists the part file " + name + " twice");
            }
            int maxSize = maxSize(entry);
            byte[] content = fetchPart(url, entry, maxSize);
            total += content.length;
            if (total > MAX_TOTAL_SIZE) {
                throw malformed("the parts listed by " + url + " are larger than " + MAX_TOTAL_SIZE + " bytes together");
            }
            check(instance, entry, content, version);
            parts.add(new Part(entry, id, name, content));
        }
        if (parts.stream().noneMatch(p -> p.entry().is(ContentPart.SHARED_PARAMETERS))) {
            throw malformed(url + " lists no shared parameters of instance " + instance);
        }
        return new Downloaded(version, url, directory, List.copyOf(parts));
    }

    private byte[] fetchPart(URI directoryUrl, ContentPart entry, int maxSize) {
        URI url;
        try {
            url = directoryUrl.resolve(new URI(entry.contentLocation()));
        } catch (URISyntaxException e) {
            throw malformed("the Content-location '" + abbreviate(entry.contentLocation()) + "' is not a URL path");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw malformed("the Content-location '" + abbreviate(entry.contentLocation()) + "' is not an http(s) URL");
        }
        Downloads.Response response = downloads.get(url, maxSize);
        if (!response.ok()) {
            throw new XRoadException(ErrorCode.IO_ERROR, "GET " + url + " answered HTTP " + response.status());
        }
        entry.verify(response.body());
        return response.body();
    }

    /** Parameters the proxy cannot read are not passed on: clients would reject them anyway. */
    private static void check(String instance, ContentPart entry, byte[] content, int version) {
        Optional<String> declared = Optional.empty();
        if (entry.is(ContentPart.SHARED_PARAMETERS)) {
            declared = Optional.of(SharedParameters.parse(content, version).instanceIdentifier());
        } else if (entry.is(ContentPart.PRIVATE_PARAMETERS)) {
            declared = Optional.of(PrivateParameters.parse(content, version == 2 ? 2 : 3).instanceIdentifier());
        }
        declared.filter(d -> !d.equals(instance)).ifPresent(d -> {
            throw malformed("the " + entry.contentIdentifier().orElse("") + " at " + abbreviate(entry.contentLocation())
                    + " are of instance " + d + ", not " + instance);
        });
    }

    private static int maxSize(ContentPart entry) {
        if (entry.is(ContentPart.SHARED_PARAMETERS)) {
            return SharedParameters.MAX_SIZE;
        }
        if (entry.is(ContentPart.PRIVATE_PARAMETERS)) {
            return PrivateParameters.MAX_SIZE;
        }
        return MAX_OTHER_PART_SIZE;
    }

    /** {@code url} asking for {@code version}, as X-Road's client asks a source for one version. */
    static URI withVersion(URI url, int version) {
        String text = url.toString();
        int fragment = text.indexOf('#');
        String base = fragment >= 0 ? text.substring(0, fragment) : text;
        return URI.create(base + (url.getRawQuery() == null ? "?" : "&") + "version=" + version);
    }

    private static boolean isPrintable(String s) {
        return s.length() <= 200 && s.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static XRoadException malformed(String message) {
        return new XRoadException(ErrorCode.MALFORMED_GLOBAL_CONF, message);
    }
}
