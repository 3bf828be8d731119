package org.sild.securityserver.signer;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ApprovedCa;
import org.sild.core.pki.OcspCertStatus;
import org.sild.core.pki.OcspRequests;
import org.sild.core.pki.OcspResponse;
import org.sild.core.pki.OcspVerifier;
import org.sild.securityserver.globalconf.GlobalConf;

/**
 * Fetches the OCSP response about one certificate as X-Road's signer does: an unsigned request with a
 * SHA-1 CertID and no nonce, posted to each responder global configuration lists for the issuing CA
 * in turn until one answers with a response that verifies. Stateless apart from the transport;
 * thread-safe.
 */
final class OcspFetcher {

    /** Most responders tried for one certificate. */
    static final int MAX_RESPONDERS = 8;

    private final OcspTransport transport;

    OcspFetcher(OcspTransport transport) {
        this.transport = transport;
    }

    /** A verified response with status good, and what it was verified against. */
    record Verified(OcspResponse response, X509Certificate subject, X509Certificate issuer, GlobalConf conf,
                    OcspVerifier verifier) {

        /** When the response stops being usable: freshness limit or (when checked) nextUpdate, whichever is first. */
        Instant staleAt() {
            Instant stale = response.thisUpdate().plusSeconds(verifier.trust().freshnessSeconds());
            if (verifier.trust().verifyNextUpdate() && response.nextUpdate().isPresent()
                    && response.nextUpdate().get().isBefore(stale)) {
                return response.nextUpdate().get();
            }
            return stale;
        }

        /** Whether the response is still fresh at {@code now} (the time checks of {@link OcspVerifier}). */
        boolean freshAt(Instant now) {
            return !staleAt().isBefore(now);
        }
    }

    /** The outcome of one fetch. */
    sealed interface Outcome {
    }

    /** A valid response with status good. */
    record Good(Verified verified) implements Outcome {
    }

    /** A valid response that says revoked or unknown: the certificate must not be used. */
    record NotGood(String why) implements Outcome {
    }

    /** No usable response: every responder failed or answered something invalid. */
    record Failed(String why) implements Outcome {
    }

    /** Fetches and verifies the status of {@code subject} issued by {@code issuer} at {@code now}. */
    Outcome fetch(X509Certificate subject, X509Certificate issuer, GlobalConf conf, OcspVerifier verifier,
                  Instant now) {
        List<ApprovedCa.OcspResponder> responders = conf.own().ocspResponders(issuer);
        if (responders.isEmpty()) {
            return new Failed("global configuration lists no OCSP responder for CA " + KeyCertificates.name(issuer));
        }
        byte[] request = OcspRequests.build(subject, issuer);
        var failures = new ArrayList<String>();
        for (ApprovedCa.OcspResponder responder : responders.subList(0, Math.min(responders.size(), MAX_RESPONDERS))) {
            try {
                OcspResponse response = OcspResponse.parse(transport.post(URI.create(responder.url().strip()), request));
                verifier.verifyValidity(response, subject, issuer, now);
                if (!(response.status() instanceof OcspCertStatus.Good)) {
                    return new NotGood(responder.url() + " says the status of " + KeyCertificates.name(subject)
                            + " is " + response.status().describe());
                }
                return new Good(new Verified(response, subject, issuer, conf, verifier));
            } catch (XRoadException e) {
                failures.add(responder.url() + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                failures.add("'" + responder.url() + "' is not a URL");
            }
        }
        return new Failed("no valid OCSP response for " + KeyCertificates.name(subject) + " (" + String.join("; ", failures)
                + ")");
    }

    /** Verifies a stored response (persisted, or verified under an earlier configuration) again at {@code now}. */
    static Outcome verify(OcspResponse response, X509Certificate subject, X509Certificate issuer, GlobalConf conf,
                          OcspVerifier verifier, Instant now) {
        try {
            verifier.verifyValidity(response, subject, issuer, now);
        } catch (XRoadException e) {
            return new Failed(e.getMessage());
        }
        if (!(response.status() instanceof OcspCertStatus.Good)) {
            return new NotGood("the status of " + KeyCertificates.name(subject) + " is " + response.status().describe());
        }
        return new Good(new Verified(response, subject, issuer, conf, verifier));
    }
}
