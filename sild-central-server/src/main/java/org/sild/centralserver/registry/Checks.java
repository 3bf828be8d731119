package org.sild.centralserver.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.regex.Pattern;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.GlobalGroupId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.XRoadId;
import org.sild.core.pki.Certificates;

/** Validation of what the registry stores, with messages that name the bad value. */
final class Checks {

    static final int MAX_NAME = 2000;
    static final int MAX_URL = 2048;
    static final int MAX_ADDRESS = 255;
    private static final Pattern JAVA_CLASS = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*");
    private static final Pattern ADDRESS = Pattern.compile("[\\p{L}\\p{N}._:\\[\\]-]+");

    private Checks() {
    }

    /** A name or description: not blank, at most {@code max} characters, no control characters; stripped. */
    static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw RegistryException.invalid(field, field + " must not be empty");
        }
        String v = value.strip();
        if (v.length() > max) {
            throw RegistryException.invalid(field, field + " is longer than " + max + " characters");
        }
        if (v.chars().anyMatch(Character::isISOControl)) {
            throw RegistryException.invalid(field, field + " '" + v.replaceAll("\\p{Cntrl}", "?")
                    + "' contains a control character");
        }
        return v;
    }

    /**
     * A code the central server's administrator gives (member class, member, subsystem, group): the
     * characters X-Road's strict identifier check allows, {@code A-Z a-z 0-9 '()+,-.=?}.
     */
    static String code(String field, String value) {
        String v = text(field, value, 255);
        if (!v.equals(value) || !v.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9') || "'()+,-.=?".indexOf(c) >= 0)) {
            throw RegistryException.invalid(field, field + " '" + v + "' may only have the characters"
                    + " A-Z a-z 0-9 ' ( ) + , - . = ?");
        }
        return v;
    }

    /** An identifier created through the admin API: of this instance, strict characters. */
    static <T extends XRoadId> T strict(String field, String instance, T id) {
        ofInstance(field, instance, id);
        if (!id.hasRecommendedCharacters()) {
            throw RegistryException.invalid(field, field + " " + id + " may only have the characters"
                    + " A-Z a-z 0-9 ' ( ) + , - . = ?");
        }
        return id;
    }

    /**
     * An identifier from a management request: of this instance, without the characters PR-MSERV
     * forbids ({@code : ; % / \}, control characters).
     */
    static <T extends XRoadId> T lenient(String field, String instance, T id) {
        ofInstance(field, instance, id);
        if (id.hasDiscouragedCharacters()) {
            throw RegistryException.invalid(field, field + " " + id + " has a character X-Road forbids (: ; % / \\)");
        }
        return id;
    }

    private static void ofInstance(String field, String instance, XRoadId id) {
        String of = switch (id) {
            case ClientId c -> c.member().instance();
            case SecurityServerId s -> s.owner().instance();
            case GlobalGroupId g -> g.instance();
            default -> id.codes().getFirst();
        };
        if (!of.equals(instance)) {
            throw RegistryException.invalid(field, field + " " + id + " is not of instance " + instance);
        }
    }

    static MemberId member(String field, String instance, MemberId id) {
        return strict(field, instance, id);
    }

    /** An absolute http or https URL. */
    static String url(String field, String value) {
        String v = text(field, value, MAX_URL);
        try {
            URI uri = new URI(v);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
                throw RegistryException.invalid(field, field + " '" + v + "' is not an http or https URL");
            }
            return v;
        } catch (URISyntaxException e) {
            throw RegistryException.invalid(field, field + " '" + v + "' is not a URL: " + e.getReason());
        }
    }

    /** A security server's address: a DNS name (also internationalised) or an IP address. */
    static String address(String field, String value) {
        String v = text(field, value, MAX_ADDRESS);
        if (!ADDRESS.matcher(v).matches() || v.startsWith(".") || v.startsWith("-")) {
            throw RegistryException.invalid(field, field + " '" + v + "' is not a host name or IP address");
        }
        return v;
    }

    /** The Java class name X-Road security servers load as a CA's certificate profile. */
    static String className(String field, String value) {
        String v = text(field, value, 255);
        if (!JAVA_CLASS.matcher(v).matches()) {
            throw RegistryException.invalid(field, field + " '" + v + "' is not a Java class name");
        }
        return v;
    }

    static byte[] der(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw RegistryException.invalid("certificate", "cannot encode certificate "
                    + cert.getSubjectX500Principal() + ": " + e.getMessage());
        }
    }

    static X509Certificate certificate(String field, byte[] der) {
        try {
            return Certificates.parseDer(der);
        } catch (XRoadException e) {
            throw RegistryException.invalid(field, field + " is not an X.509 certificate: " + e.getMessage());
        }
    }

    static int positive(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw RegistryException.invalid(field, field + " must be " + min + ".." + max + ", not " + value);
        }
        return value;
    }
}
