package org.sild.trustservices.ca;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of certificate the development CA issues, each with its X.509 usage and the short name
 * the HTTP API and the command line use ({@code ?type=auth}).
 */
public enum CertificateType {
    /** Security server authentication (TLS): keyUsage digitalSignature + keyEncipherment, EKU clientAuth + serverAuth. */
    AUTH("auth"),
    /** Member signing: keyUsage nonRepudiation; the subject names the member in the configured certificate profile. */
    SIGN("sign"),
    /** Time-stamping authority: keyUsage digitalSignature + nonRepudiation, critical EKU timeStamping. */
    TSA("tsa");

    private final String shortName;

    CertificateType(String shortName) {
        this.shortName = shortName;
    }

    /** The name in URLs, JSON and on the command line: {@code auth}, {@code sign} or {@code tsa}. */
    public String shortName() {
        return shortName;
    }

    /** The type whose {@link #shortName()} is {@code name}, ignoring case. */
    public static Optional<CertificateType> byShortName(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (CertificateType t : values()) {
            if (t.shortName.equals(n)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
