package org.sild.core.pki;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What OCSP verification trusts, taken from global configuration: the approved CA certificates
 * with their listed OCSP responders, the freshness limit ({@code globalSettings/ocspFreshnessSeconds})
 * and whether {@code nextUpdate} is checked (optional part {@code NEXTUPDATE}, default true).
 * Immutable.
 */
public record OcspTrust(List<TrustedCa> cas, int freshnessSeconds, boolean verifyNextUpdate) {

    /** X-Road's default freshness limit, in seconds. */
    public static final int DEFAULT_FRESHNESS_SECONDS = 3600;

    public OcspTrust {
        cas = List.copyOf(cas);
        if (freshnessSeconds < 0) {
            throw new IllegalArgumentException("negative OCSP freshness " + freshnessSeconds);
        }
    }

    /** Trust in {@code cas} with X-Road's defaults: freshness 3600 s, nextUpdate verified. */
    public static OcspTrust of(List<TrustedCa> cas) {
        return new OcspTrust(cas, DEFAULT_FRESHNESS_SECONDS, true);
    }

    /** A copy with another freshness limit. */
    public OcspTrust withFreshnessSeconds(int seconds) {
        return new OcspTrust(cas, seconds, verifyNextUpdate);
    }

    /** A copy with nextUpdate checking switched on or off. */
    public OcspTrust withVerifyNextUpdate(boolean verify) {
        return new OcspTrust(cas, freshnessSeconds, verify);
    }

    /** The approved CA whose certificate is {@code certificate}, if any. */
    public Optional<TrustedCa> ca(X509Certificate certificate) {
        return cas.stream().filter(ca -> ca.certificate().equals(certificate)).findFirst();
    }

    /** All listed responder certificates followed by all CA certificates: where responders are looked up. */
    List<X509Certificate> knownCertificates() {
        var all = new ArrayList<X509Certificate>();
        cas.forEach(ca -> all.addAll(ca.ocspResponders()));
        cas.forEach(ca -> all.add(ca.certificate()));
        return all;
    }
}
