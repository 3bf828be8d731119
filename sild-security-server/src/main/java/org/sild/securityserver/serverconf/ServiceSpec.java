package org.sild.securityserver.serverconf;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A service to register in a service description: its code and optionally a version, its own URL
 * (default: the description's URL), a timeout (default 60 s) and whether the information system's
 * TLS certificate is verified (default yes). Given explicitly, or read from a WSDL or OpenAPI
 * document into a {@link DescriptionDocument}.
 *
 * <p>Build one with {@link #of} and the {@code with...} methods.
 */
public record ServiceSpec(String code, Optional<String> version, Optional<URI> url, Optional<Duration> timeout,
        Optional<Boolean> verifyTls) {

    /** The timeout a service gets when none is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public ServiceSpec {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(verifyTls, "verifyTls");
    }

    /** A service with code {@code code} and every default. */
    public static ServiceSpec of(String code) {
        return new ServiceSpec(code, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public ServiceSpec withVersion(String v) {
        return new ServiceSpec(code, Optional.of(v), url, timeout, verifyTls);
    }

    public ServiceSpec withUrl(URI u) {
        return new ServiceSpec(code, version, Optional.of(u), timeout, verifyTls);
    }

    public ServiceSpec withTimeout(Duration t) {
        return new ServiceSpec(code, version, url, Optional.of(t), verifyTls);
    }

    public ServiceSpec withVerifyTls(boolean v) {
        return new ServiceSpec(code, version, url, timeout, Optional.of(v));
    }
}
