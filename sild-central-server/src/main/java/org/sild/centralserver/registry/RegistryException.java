package org.sild.centralserver.registry;

import java.util.Objects;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * A registry change that was refused: a bad value ({@code InvalidRequest}), something that does
 * not exist ({@code NotFound}), or a conflict with what exists ({@code InvalidRequest} with reason
 * {@link Reason#CONFLICT}). The message names the bad value; the admin API answers 400, 404 or
 * 409 and names the field.
 */
public final class RegistryException extends XRoadException {

    private static final long serialVersionUID = 1L;

    /** Why a change was refused. */
    public enum Reason {
        /** A value is malformed, out of range or of another instance. */
        INVALID,
        /** The member, server, request or other thing named does not exist. */
        NOT_FOUND,
        /** It exists already, or the change contradicts what exists. */
        CONFLICT
    }

    private final Reason reason;
    private final String field;

    RegistryException(Reason reason, String field, String message) {
        super(reason == Reason.NOT_FOUND ? ErrorCode.NOT_FOUND : ErrorCode.INVALID_REQUEST, message);
        this.reason = Objects.requireNonNull(reason);
        this.field = field;
    }

    static RegistryException invalid(String field, String message) {
        return new RegistryException(Reason.INVALID, field, message);
    }

    static RegistryException notFound(String field, String message) {
        return new RegistryException(Reason.NOT_FOUND, field, message);
    }

    static RegistryException conflict(String field, String message) {
        return new RegistryException(Reason.CONFLICT, field, message);
    }

    public Reason reason() {
        return reason;
    }

    /** The input field the problem is in, when it is about one. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
