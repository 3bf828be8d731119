package org.sild.core.globalconf;

import java.nio.file.Path;
import java.util.Objects;

/** A configuration part file in a stored global configuration tree and its metadata. Immutable. */
public record StoredPart(Path file, ContentMetadata metadata) {

    public StoredPart {
        Objects.requireNonNull(file);
        Objects.requireNonNull(metadata);
    }
}
