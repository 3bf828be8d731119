package org.sild.core.fault;

import java.util.Objects;

/**
 * The one exception type of Sild: an X-Road fault code and a message that names the bad value.
 *
 * <p>Everything that can reach a client as an X-Road fault is thrown as this type. The message is
 * meant for the fault string: it never carries a stack trace or internal detail beyond the value
 * that was wrong.
 */
public class XRoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final FaultCode code;

    public XRoadException(FaultCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code);
    }

    public XRoadException(FaultCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code);
    }

    public XRoadException(ErrorCode code, String message) {
        this(FaultCode.of(code), message);
    }

    public XRoadException(ErrorCode code, String message, Throwable cause) {
        this(FaultCode.of(code), message, cause);
    }

    /** The fault code, for example {@code Client.MissingHeaderField}. */
    public FaultCode code() {
        return code;
    }

    /** A copy whose code has {@code prefix} in front, keeping message and cause. */
    public XRoadException withPrefix(ErrorCode... prefix) {
        var copy = new XRoadException(code.withPrefix(prefix), getMessage(), getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    /** The fault code in {@code style}. */
    public String formattedCode(FaultStyle style) {
        return code.format(style);
    }

    @Override
    public String toString() {
        return code + ": " + getMessage();
    }
}
