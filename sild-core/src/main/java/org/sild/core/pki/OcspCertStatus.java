package org.sild.core.pki;

import java.time.Instant;
import java.util.Optional;

/** The certificate status an OCSP response states: good, revoked (when, why) or unknown. */
public sealed interface OcspCertStatus {

    /** The status as X-Road names it in fault messages: {@code GOOD}, {@code REVOKED (...)}, {@code UNKNOWN}. */
    String describe();

    /** The certificate is not revoked. */
    record Good() implements OcspCertStatus {
        @Override
        public String describe() {
            return "GOOD";
        }
    }

    /** The certificate was revoked at {@code time}, with a CRLReason code when the responder gave one. */
    record Revoked(Instant time, Optional<Integer> reason) implements OcspCertStatus {
        @Override
        public String describe() {
            return "REVOKED (date: " + time + reason.map(r -> ", reason: " + r).orElse("") + ")";
        }
    }

    /** The responder does not know the certificate. */
    record Unknown() implements OcspCertStatus {
        @Override
        public String describe() {
            return "UNKNOWN";
        }
    }
}
