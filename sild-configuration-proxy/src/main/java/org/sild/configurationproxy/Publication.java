package org.sild.configurationproxy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a proxy instance serves at one time: per configuration version a signed directory and the
 * part files it lists. A new publication replaces the old one as a whole, so a client never sees a
 * directory of one run with the files of another missing.
 *
 * <p>Immutable by convention: nothing writes into the arrays after construction.
 */
record Publication(Map<Integer, VersionSet> versions) {

    /** Nothing published yet. */
    static final Publication EMPTY = new Publication(Map.of());

    /** One version: its signed directory, its expiry and its part files by URL path. */
    record VersionSet(int version, String generation, Instant expireDate, byte[] directory, Map<String, byte[]> files) {

        VersionSet {
            Objects.requireNonNull(generation);
            Objects.requireNonNull(expireDate);
            Objects.requireNonNull(directory);
            files = Map.copyOf(files);
        }

        boolean validAt(Instant now) {
            return expireDate.isAfter(now);
        }
    }

    Publication {
        versions = Map.copyOf(versions);
    }

    /** The version set of {@code version} if it is published and has not expired at {@code now}. */
    Optional<VersionSet> valid(int version, Instant now) {
        return Optional.ofNullable(versions.get(version)).filter(v -> v.validAt(now));
    }

    /** The part file at {@code path} of a version set still valid at {@code now}. */
    Optional<byte[]> file(String path, Instant now) {
        for (VersionSet set : versions.values()) {
            byte[] file = set.files().get(path);
            if (file != null && set.validAt(now)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /** The latest expiry among the versions valid at {@code now}. */
    Optional<Instant> expireDate(Instant now) {
        return versions.values().stream().filter(v -> v.validAt(now)).map(VersionSet::expireDate)
                .max(Instant::compareTo);
    }

    /** The versions valid at {@code now}, in ascending order. */
    List<Integer> validVersions(Instant now) {
        return new TreeMap<>(versions).values().stream().filter(v -> v.validAt(now)).map(VersionSet::version).toList();
    }
}
