package org.sild.core.pki;

/** The {@code PKIStatus} of an RFC 3161 time-stamp response. */
public enum TimeStampStatus {
    GRANTED,
    GRANTED_WITH_MODS,
    REJECTION,
    WAITING,
    REVOCATION_WARNING,
    REVOCATION_NOTIFICATION;

    /** Whether a token comes with this status (granted or grantedWithMods). */
    public boolean isGranted() {
        return this == GRANTED || this == GRANTED_WITH_MODS;
    }
}
