package org.sild.core.pki;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * A time-stamp token whose signature verified with an approved TSA certificate. Immutable.
 */
public record VerifiedTimeStamp(TimeStampToken token, X509Certificate tsaCertificate) {

    public VerifiedTimeStamp {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tsaCertificate, "tsaCertificate");
    }

    /** The time the TSA states. */
    public Instant genTime() {
        return token.genTime();
    }

    /** The DER token as received. */
    public byte[] encoded() {
        return token.encoded();
    }

    /** The DER token with the TSA certificate in its certificate set, as X-Road stores it. */
    public byte[] encodedWithTsaCertificate() {
        return token.withCertificate(tsaCertificate).encoded();
    }
}
