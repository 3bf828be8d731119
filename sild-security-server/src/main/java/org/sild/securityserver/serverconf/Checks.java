package org.sild.securityserver.serverconf;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.ServiceId;
import org.sild.core.id.XRoadId;
import org.sild.core.id.XRoadIds;

/** Validation of the values the local configuration stores, and the column form of identifiers. */
final class Checks {

    /** HTTP methods an endpoint or access right may name, besides {@code *}. */
    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE");
    static final int MAX_URL = 2048;
    static final int MAX_PATH = 1000;
    static final int MAX_TEXT = 2000;
    static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    private Checks() {
    }

    /** The column form of an identifier: its short form. */
    static String key(XRoadId id) {
        return XRoadIds.toShortForm(id);
    }

    static ClientId client(String key) {
        return (ClientId) XRoadIds.parseShortForm(key);
    }

    static XRoadId id(String key) {
        return XRoadIds.parseShortForm(key);
    }

    /** An HTTP method or {@code *}, upper case. */
    static String method(String method) {
        String m = method.strip().toUpperCase(Locale.ROOT);
        if (!m.equals("*") && !METHODS.contains(m)) {
            throw LocalConfException.invalid("method", "method '" + method + "' is not * or one of " + METHODS);
        }
        return m;
    }

    /** A REST path glob: {@code **} or an absolute path with {@code *} and {@code **} wildcards. */
    static String pathGlob(String path) {
        if (path.equals("**")) {
            return path;
        }
        if (!path.startsWith("/") || path.length() > MAX_PATH) {
            throw LocalConfException.invalid("path", "path '" + path + "' must be ** or start with / (at most "
                    + MAX_PATH + " characters)");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '?' || c == '#') {
                throw LocalConfException.invalid("path", "path '" + path + "' contains '" + c + "' at " + i);
            }
        }
        return path;
    }

    /** An absolute http or https URL of an information system. */
    static URI url(String field, URI url) {
        String scheme = Optional.ofNullable(url.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null
                || url.toString().length() > MAX_URL) {
            throw LocalConfException.invalid(field, "'" + url + "' is not an absolute http or https URL (at most "
                    + MAX_URL + " characters)");
        }
        return url;
    }

    /** A timeout in whole seconds, from 1 s to an hour. */
    static Duration timeout(String field, Duration timeout) {
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0
                || timeout.getNano() != 0) {
            throw LocalConfException.invalid(field, "timeout " + timeout.toSeconds()
                    + " s must be whole seconds from 1 to " + MAX_TIMEOUT.toSeconds());
        }
        return timeout;
    }

    /** Free text such as a notice or a group description. */
    static String text(String field, String text) {
        if (text.length() > MAX_TEXT) {
            throw LocalConfException.invalid(field, field + " is longer than " + MAX_TEXT + " characters");
        }
        return text;
    }

    /** Builds an identifier, turning an identifier fault into a refusal that names the field. */
    static <T> T identifier(String field, Supplier<T> build) {
        try {
            return build.get();
        } catch (XRoadException | IllegalArgumentException e) {
            throw LocalConfException.invalid(field, e.getMessage());
        }
    }

    /** A service code, checked as X-Road checks codes. */
    static String serviceCode(ClientId provider, String code) {
        return identifier("serviceCode", () -> new ServiceId(provider, code)).serviceCode();
    }
}
