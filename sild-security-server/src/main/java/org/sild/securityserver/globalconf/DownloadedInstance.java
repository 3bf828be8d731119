package org.sild.securityserver.globalconf;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.globalconf.ConfigurationDirectory;

/**
 * The verified configuration of one instance from one location: the directory, the URL it came
 * from (with the negotiated version) and every part file, downloaded or reused because its hash
 * was unchanged. Immutable.
 */
record DownloadedInstance(String instance, URI location, ConfigurationDirectory directory, List<PartFile> files,
                          int downloadedFiles) {

    DownloadedInstance {
        Objects.requireNonNull(instance);
        Objects.requireNonNull(location);
        Objects.requireNonNull(directory);
        files = List.copyOf(files);
    }

    /** The part with content identifier {@code id}, if the directory listed one. */
    Optional<PartFile> part(String id) {
        return files.stream().filter(f -> f.metadata().contentIdentifier().filter(id::equals).isPresent()).findFirst();
    }
}
