package org.sild.securityserver.globalconf;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ConfigurationDirectory;
import org.sild.core.globalconf.ContentMetadata;
import org.sild.core.globalconf.ContentPart;
import org.sild.core.globalconf.DirectoryVerifier;
import org.sild.core.globalconf.PrivateParameters;
import org.sild.core.globalconf.SharedParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one instance's configuration from one location (PR-GCONF): negotiates the version
 * (probing {@code ?version=6} down to 3, the first answer that is not 404 wins; version 2 is
 * requested without the parameter), verifies the signed directory with the location's
 * certificates, then fetches each listed part whose local copy has a different hash and checks it
 * against its entry. Nothing is written here; a failure anywhere fails the whole location.
 *
 * <p>Thread-safe if the fetcher is.
 */
final class DirectoryDownloader {

    static final int MIN_VERSION = 2;
    static final int MAX_VERSION = 6;
    /** Largest signed directory accepted; real ones are a few kilobytes. */
    static final int MAX_DIRECTORY_SIZE = 4 * 1024 * 1024;
    /** Most parts one directory may list. */
    static final int MAX_PARTS = 100;
    /** Largest optional or unknown part accepted. */
    static final int MAX_OTHER_PART_SIZE = 16 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryDownloader.class);

    /** The local copy of a part file of the instance being downloaded, if there is one. */
    @FunctionalInterface
    interface LocalFiles {
        Optional<byte[]> read(String fileName, int maxSize);
    }

    private record Fetched(URI url, byte[] body) {
    }

    private final ConfigurationFetcher fetcher;

    DirectoryDownloader(ConfigurationFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /**
     * Downloads {@code instance}'s configuration from {@code location}, keeping only parts of that
     * instance and, when {@code contentIds} is not empty, only those content identifiers.
     *
     * @throws XRoadException with the code of the first check that failed
     */
    DownloadedInstance download(String instance, DownloadLocation location, Set<String> contentIds, LocalFiles local,
                                Instant now) {
        Fetched fetched = fetchDirectory(location.url());
        var verifier = new DirectoryVerifier(location.verificationCerts());
        ConfigurationDirectory directory = verifier.verify(fetched.body(), now);
        if (directory.parts().size() > MAX_PARTS) {
            throw malformed(fetched.url() + " lists " + directory.parts().size() + " parts, at most " + MAX_PARTS
                    + " are accepted");
        }
        var files = new ArrayList<PartFile>();
        var names = new HashSet<String>();
        int downloaded = 0;
        for (ContentPart part : directory.parts()) {
            if (part.instance().isPresent() && !part.instance().get().equals(instance)) {
                LOG.debug("Skipping {} of instance {} listed by {}", part.contentLocation(), part.instance().get(),
                        fetched.url());
                continue;
            }
            if (!contentIds.isEmpty() && part.contentIdentifier().filter(contentIds::contains).isEmpty()) {
                continue;
            }
            String name = part.fileName();
            if (!GlobalConfStore.isSafeName(name) || name.endsWith(GlobalConfStore.METADATA_SUFFIX)) {
                throw malformed(fetched.url() + " names a part file '" + abbreviate(name)
                        + "', which cannot be stored safely");
            }
            if (!names.add(name)) {
                throw malformed(fetched.url() + " lists the part file " + name + " twice for instance " + instance);
            }
            int maxSize = maxSize(part);
            Optional<byte[]> existing = local.read(name, maxSize).filter(part::matches);
            byte[] content;
            if (existing.isPresent()) {
                content = existing.get();
            } else {
                content = fetchPart(fetched.url(), part, maxSize);
                downloaded++;
            }
            files.add(new PartFile(name, content, ContentMetadata.of(part, directory)));
        }
        return new DownloadedInstance(instance, fetched.url(), directory, files, downloaded);
    }

    private Fetched fetchDirectory(URI url) {
        if (hasVersionParameter(url)) {
            return new Fetched(url, ok(url, fetcher.get(url, MAX_DIRECTORY_SIZE)));
        }
        for (int version = MAX_VERSION; version > MIN_VERSION; version--) {
            URI versioned = withVersion(url, version);
            var response = fetcher.get(versioned, MAX_DIRECTORY_SIZE);
            if (!response.notFound()) {
                return new Fetched(versioned, ok(versioned, response));
            }
        }
        // The minimum version is what a source serves without the parameter (X-Road's nginx maps it to V2).
        var response = fetcher.get(url, MAX_DIRECTORY_SIZE);
        if (response.notFound()) {
            throw new XRoadException(ErrorCode.IO_ERROR, url + " offers none of the configuration versions "
                    + MIN_VERSION + " to " + MAX_VERSION + " (every request answered 404)");
        }
        return new Fetched(url, ok(url, response));
    }

    private byte[] fetchPart(URI directoryUrl, ContentPart part, int maxSize) {
        URI url;
        try {
            url = directoryUrl.resolve(new URI(part.contentLocation()));
        } catch (URISyntaxException e) {
            throw malformed("the Content-location '" + abbreviate(part.contentLocation()) + "' is not a URL path");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw malformed("the Content-location '" + abbreviate(part.contentLocation()) + "' is not an http(s) URL");
        }
        byte[] content = ok(url, fetcher.get(url, maxSize));
        part.verify(content);
        return content;
    }

    private static byte[] ok(URI url, ConfigurationFetcher.Response response) {
        if (!response.ok()) {
            throw new XRoadException(ErrorCode.IO_ERROR, "GET " + url + " answered HTTP " + response.status());
        }
        return response.body();
    }

    private static int maxSize(ContentPart part) {
        if (part.is(ContentPart.SHARED_PARAMETERS)) {
            return SharedParameters.MAX_SIZE;
        }
        if (part.is(ContentPart.PRIVATE_PARAMETERS)) {
            return PrivateParameters.MAX_SIZE;
        }
        return MAX_OTHER_PART_SIZE;
    }

    static boolean hasVersionParameter(URI url) {
        String query = url.getRawQuery();
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            if (pair.equals("version") || pair.startsWith("version=")) {
                return true;
            }
        }
        return false;
    }

    static URI withVersion(URI url, int version) {
        String text = url.toString();
        int fragment = text.indexOf('#');
        String base = fragment >= 0 ? text.substring(0, fragment) : text;
        return URI.create(base + (url.getRawQuery() == null ? "?" : "&") + "version=" + version);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static XRoadException malformed(String message) {
        return new XRoadException(ErrorCode.MALFORMED_GLOBAL_CONF, message);
    }
}
