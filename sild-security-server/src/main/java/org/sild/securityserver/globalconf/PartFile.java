package org.sild.securityserver.globalconf;

import java.util.Objects;
import org.sild.core.globalconf.ContentMetadata;

/** One configuration part of an instance as it is to be stored: file name, content and metadata. Immutable. */
record PartFile(String fileName, byte[] content, ContentMetadata metadata) {

    PartFile {
        Objects.requireNonNull(fileName);
        content = content.clone();
        Objects.requireNonNull(metadata);
    }

    @Override
    public byte[] content() {
        return content.clone();
    }
}
