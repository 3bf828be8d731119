package org.sild.securityserver.serverconf;

import java.util.Objects;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * A change to the local configuration that was refused: a bad value, something that does not exist,
 * or a conflict with what exists. The admin API answers it with 400, 404 or 409 and the field.
 */
public final class LocalConfException extends XRoadException {

    private static final long serialVersionUID = 1L;

    /** Why a change was refused. */
    public enum Reason {
        /** A value is malformed or out of range. */
        INVALID,
        /** The client, service, group or other thing named does not exist. */
        NOT_FOUND,
        /** It exists already or contradicts what exists. */
        CONFLICT
    }

    private final Reason reason;
    private final String field;

    LocalConfException(Reason reason, String field, String message) {
        super(reason == Reason.NOT_FOUND ? ErrorCode.NOT_FOUND : ErrorCode.BAD_REQUEST, message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.field = field;
    }

    static LocalConfException invalid(String field, String message) {
        return new LocalConfException(Reason.INVALID, field, message);
    }

    static LocalConfException notFound(String field, String message) {
        return new LocalConfException(Reason.NOT_FOUND, field, message);
    }

    static LocalConfException conflict(String field, String message) {
        return new LocalConfException(Reason.CONFLICT, field, message);
    }

    public Reason reason() {
        return reason;
    }

    /** The request field the problem is in, when it is about one. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
