package org.sild.core.globalconf;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.crypto.SignatureAlgorithm;

/**
 * A signed configuration directory whose signature and expiry have been verified: its parts, the
 * expiry and the certificate that verified it.
 *
 * <p>Immutable. Obtain one from {@link DirectoryVerifier}.
 */
public record ConfigurationDirectory(
        Instant expireDate,
        Optional<Integer> version,
        List<ContentPart> parts,
        X509Certificate verificationCert,
        SignatureAlgorithm signatureAlgorithm) {

    /** Version assumed for directories without a {@code Version} header (PR-GCONF: version 2). */
    public static final int DEFAULT_VERSION = 2;

    public ConfigurationDirectory {
        Objects.requireNonNull(expireDate);
        Objects.requireNonNull(version);
        parts = List.copyOf(parts);
        Objects.requireNonNull(verificationCert);
        Objects.requireNonNull(signatureAlgorithm);
    }

    /** The configuration version: the {@code Version} header, or 2 when absent. */
    public int configurationVersion() {
        return version.orElse(DEFAULT_VERSION);
    }

    /** The parts with content identifier {@code id}, in directory order. */
    public List<ContentPart> parts(String id) {
        return parts.stream().filter(p -> p.is(id)).toList();
    }

    /** The part with content identifier {@code id} for {@code instance}, if listed. */
    public Optional<ContentPart> part(String id, String instance) {
        return parts.stream().filter(p -> p.is(id) && p.instance().filter(instance::equals).isPresent()).findFirst();
    }

    /** The instances named by the parts' {@code instance} parameters, in order of first appearance. */
    public List<String> instances() {
        var seen = new LinkedHashSet<String>();
        parts.forEach(p -> p.instance().ifPresent(seen::add));
        return List.copyOf(seen);
    }
}
