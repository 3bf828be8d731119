package org.sild.securityserver.description;

import java.net.URI;

/**
 * Where WSDL and OpenAPI documents are downloaded from. Implementations bound the size and time of a
 * download and are thread-safe.
 */
@FunctionalInterface
public interface DocumentSource {

    /**
     * The document at {@code url}.
     *
     * @throws InvalidDescriptionException when it cannot be downloaded (the problem names the URL and why)
     */
    byte[] fetch(URI url);
}
