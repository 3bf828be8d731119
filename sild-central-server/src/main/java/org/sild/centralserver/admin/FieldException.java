package org.sild.centralserver.admin;

import org.sild.runtime.http.ApiException;

/** An admin API error about one request field, answered as JSON that names the field. */
final class FieldException extends ApiException {

    private static final long serialVersionUID = 1L;

    private final String field;

    FieldException(int status, String errorCode, String field, String message) {
        super(status, errorCode, message);
        this.field = field;
    }

    /** 400 {@code invalid_value} for {@code field}. */
    static FieldException invalid(String field, String message) {
        return new FieldException(400, "invalid_value", field, message);
    }

    /** 404 {@code not_found} for {@code field}. */
    static FieldException notFound(String field, String message) {
        return new FieldException(404, "not_found", field, message);
    }

    String field() {
        return field;
    }
}
