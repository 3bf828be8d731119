package org.sild.core.globalconf;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A configuration part file in a stored global configuration tree and its metadata.
 *
 * <p>{@code contentIdentifier} is the metadata's, or for metadata without one the identifier its
 * standard file name implies ({@code shared-params.xml} is SHARED-PARAMETERS). Immutable.
 */
public record StoredPart(Path file, Optional<String> contentIdentifier, ContentMetadata metadata) {

    public StoredPart {
        Objects.requireNonNull(file);
        Objects.requireNonNull(contentIdentifier);
        Objects.requireNonNull(metadata);
    }
}
