package org.sild.trustservices.ca;

import java.util.Optional;

/**
 * Why a certificate was revoked: the RFC 5280 {@code CRLReason} codes that make sense for a
 * permanent revocation (no certificateHold, no removeFromCRL), with their RFC names.
 */
public enum RevocationReason {
    UNSPECIFIED(0, "unspecified"),
    KEY_COMPROMISE(1, "keyCompromise"),
    CA_COMPROMISE(2, "cACompromise"),
    AFFILIATION_CHANGED(3, "affiliationChanged"),
    SUPERSEDED(4, "superseded"),
    CESSATION_OF_OPERATION(5, "cessationOfOperation"),
    PRIVILEGE_WITHDRAWN(9, "privilegeWithdrawn"),
    AA_COMPROMISE(10, "aACompromise");

    private final int code;
    private final String rfcName;

    RevocationReason(int code, String rfcName) {
        this.code = code;
        this.rfcName = rfcName;
    }

    /** The {@code CRLReason} code, as OCSP responses carry it. */
    public int code() {
        return code;
    }

    /** The RFC 5280 name, for example {@code keyCompromise}. */
    public String rfcName() {
        return rfcName;
    }

    /** The reason with this RFC name (case ignored, {@code key-compromise} and {@code KEY_COMPROMISE} too). */
    public static Optional<RevocationReason> byName(String name) {
        String n = name.strip().replace("-", "").replace("_", "");
        for (RevocationReason r : values()) {
            if (r.rfcName.equalsIgnoreCase(n)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The reason with {@code CRLReason} code {@code code}. */
    public static Optional<RevocationReason> byCode(int code) {
        for (RevocationReason r : values()) {
            if (r.code == code) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
