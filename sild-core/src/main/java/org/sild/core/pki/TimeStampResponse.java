package org.sild.core.pki;

import java.io.IOException;
import java.util.Optional;

import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.tsp.TSPException;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * A parsed RFC 3161 time-stamp response ({@code TimeStampResp}): status, status text, failure
 * information and, when granted, the token. Not verified: see {@link TimeStampVerifier}.
 * Immutable; safe to share between threads.
 */
public final class TimeStampResponse {

    /** Largest response accepted, in bytes of DER. */
    public static final int MAX_SIZE = TimeStampToken.MAX_SIZE + 4096;

    private final TimeStampStatus status;
    private final Optional<String> statusText;
    private final int failureInfo;
    private final Optional<TimeStampToken> token;

    private TimeStampResponse(TimeStampStatus status, Optional<String> statusText, int failureInfo,
            Optional<TimeStampToken> token) {
        this.status = status;
        this.statusText = statusText;
        this.failureInfo = failureInfo;
        this.token = token;
    }

    /**
     * Parses a DER {@code TimeStampResp}.
     *
     * @throws XRoadException {@code TimestampValidation} when it is not a time-stamp response
     */
    public static TimeStampResponse parse(byte[] der) {
        if (der.length > MAX_SIZE) {
            throw new XRoadException(ErrorCode.TIMESTAMP_VALIDATION,
                    "Time-stamp response of " + der.length + " bytes exceeds the limit of " + MAX_SIZE);
        }
        org.bouncycastle.tsp.TimeStampResponse response;
        try {
            response = new org.bouncycastle.tsp.TimeStampResponse(der);
        } catch (TSPException | IOException | RuntimeException e) {
            throw new XRoadException(ErrorCode.TIMESTAMP_VALIDATION,
                    "Malformed time-stamp response: " + e.getMessage(), e);
        }
        int code = response.getStatus();
        if (code < 0 || code >= TimeStampStatus.values().length) {
            throw new XRoadException(ErrorCode.TIMESTAMP_VALIDATION, "Unknown time-stamp response status " + code);
        }
        PKIFailureInfo failInfo = response.getFailInfo();
        Optional<TimeStampToken> token = Optional.ofNullable(response.getTimeStampToken()).map(TimeStampToken::of);
        return new TimeStampResponse(TimeStampStatus.values()[code], Optional.ofNullable(response.getStatusString()),
                failInfo == null ? 0 : failInfo.intValue(), token);
    }

    public TimeStampStatus status() {
        return status;
    }

    /** The TSA's free-text status, if it gave one. */
    public Optional<String> statusText() {
        return statusText;
    }

    /** The {@code PKIFailureInfo} bits, 0 when absent. */
    public int failureInfo() {
        return failureInfo;
    }

    /** The token, present when the status is granted or grantedWithMods. */
    public Optional<TimeStampToken> token() {
        return token;
    }

    /** The status with its text and failure bits, for messages. */
    public String describeStatus() {
        return status + statusText.map(t -> " (" + t + ")").orElse("")
                + (failureInfo == 0 ? "" : " failInfo=0x" + Integer.toHexString(failureInfo));
    }
}
