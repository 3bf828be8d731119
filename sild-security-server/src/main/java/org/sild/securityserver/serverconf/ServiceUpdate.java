package org.sild.securityserver.serverconf;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** A change to one service's settings: each present value replaces the stored one. */
public record ServiceUpdate(Optional<URI> url, Optional<Duration> timeout, Optional<Boolean> verifyTls) {

    public ServiceUpdate {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(verifyTls, "verifyTls");
    }
}
