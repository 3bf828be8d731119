package org.sild.core.management;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The address check of the central server (PR-MSERV, digest 04 §9.4): a security server address is
 * an IPv4 or IPv6 literal or a valid, possibly internationalised, DNS name, with an optional port.
 * Nothing is resolved.
 */
final class Addresses {

    private static final int MAX_NAME_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;
    private static final int MAX_LABELS = 127;

    private Addresses() {
    }

    /**
     * Whether {@code address} is an IP literal or DNS name, optionally followed by {@code :port}
     * (IPv6 then in brackets). The port is Sild's extension for several security servers on one
     * host (the sandbox); X-Road's servers always listen on 5500 and send bare hosts.
     */
    static boolean isValid(String address) {
        if (address.isEmpty() || !address.strip().equals(address)) {
            return false;
        }
        if (isHost(address)) {
            return true;
        }
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || !isPort(address.substring(colon + 1))) {
            return false;
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            return isIpv6(host.substring(1, host.length() - 1));
        }
        return isIpv4(host) || isDnsName(host);
    }

    private static boolean isHost(String s) {
        return isIpv4(s) || isIpv6(s) || isDnsName(s);
    }

    private static boolean isPort(String s) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int port = Integer.parseInt(s);
        return port >= 1 && port <= 65535;
    }

    static boolean isIpv4(String s) {
        String[] octets = s.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String o : octets) {
            if (o.isEmpty() || o.length() > 3 || !o.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(o) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6(String s) {
        if (s.indexOf(':') < 0 || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return false;
        }
        try {
            // java.net.URI checks the IPv6 literal grammar of RFC 2373 without any lookup.
            return new URI("http", null, "[" + s + "]", -1, null, null, null).getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The DNS name rules X-Road applies (Guava's {@code InternetDomainName.isValid} after IDN conversion). */
    static boolean isDnsName(String s) {
        String ascii;
        try {
            ascii = IDN.toASCII(s, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        if (ascii.isEmpty() || ascii.length() > MAX_NAME_LENGTH) {
            return false;
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length > MAX_LABELS) {
            return false;
        }
        for (int i = 0; i < labels.length; i++) {
            if (!isLabel(labels[i], i == labels.length - 1)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLabel(String label, boolean last) {
        if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH) {
            return false;
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        if ("-_".indexOf(label.charAt(0)) >= 0 || "-_".indexOf(label.charAt(label.length() - 1)) >= 0) {
            return false;
        }
        // The last label (top-level domain) never starts with a digit, so "10.0.0" is not a name.
        return !last || !Character.isDigit(label.charAt(0));
    }
}
