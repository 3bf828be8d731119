package org.sild.securityserver.proxy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A security server software version as carried in {@code x-proxy-version}, compared as semantic
 * versions (X-Road's {@code server-min-supported-client-version}): major, minor and patch
 * numerically, a pre-release below its release, build metadata ignored. Immutable.
 */
public record ProxyVersion(int major, int minor, int patch, Optional<String> preRelease)
        implements Comparable<ProxyVersion> {

    private static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})"
                    + "(?:-([0-9A-Za-z.-]{1,64}))?(?:\\+[0-9A-Za-z.-]{1,64})?");

    /** The version {@code text}, if it is a semantic version. */
    public static Optional<ProxyVersion> tryParse(String text) {
        Matcher m = SEMVER.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ProxyVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), Optional.ofNullable(m.group(4))));
    }

    /** The version {@code text}; an {@link IllegalArgumentException} naming {@code what} if it is none. */
    static ProxyVersion parse(String text, String what) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException(
                what + " '" + text + "' is not a semantic version such as 7.8.0"));
    }

    @Override
    public int compareTo(ProxyVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Integer.compare(patch, o.patch);
        }
        if (c == 0 && preRelease.isPresent() != o.preRelease.isPresent()) {
            c = preRelease.isPresent() ? -1 : 1;
        }
        if (c == 0 && preRelease.isPresent()) {
            c = preRelease.get().compareTo(o.preRelease.get());
        }
        return c;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + preRelease.map(p -> "-" + p).orElse("");
    }
}
