package org.sild.securityserver.datatracker;

import java.util.Objects;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * A personal data declaration that was refused: a bad value (the admin API answers 400) or a
 * service, endpoint or declaration that does not exist (404), with the request field it is about.
 */
public final class DeclarationException extends XRoadException {

    private static final long serialVersionUID = 1L;

    private final boolean notFound;
    private final String field;

    private DeclarationException(boolean notFound, String field, String message) {
        super(notFound ? ErrorCode.NOT_FOUND : ErrorCode.BAD_REQUEST, message);
        this.notFound = notFound;
        this.field = Objects.requireNonNull(field, "field");
    }

    static DeclarationException invalid(String field, String message) {
        return new DeclarationException(false, field, message);
    }

    static DeclarationException notFound(String field, String message) {
        return new DeclarationException(true, field, message);
    }

    /** Whether something named does not exist (rather than a value being malformed). */
    public boolean isNotFound() {
        return notFound;
    }

    /** The request field the problem is in. */
    public String field() {
        return field;
    }
}
