package org.sild.securityserver.description;

import java.util.List;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * A WSDL or OpenAPI document that was refused: it could not be downloaded, parsed or validated.
 * {@link #problems()} is the validation report, one line per problem, each naming the bad value.
 */
public final class InvalidDescriptionException extends XRoadException {

    private static final long serialVersionUID = 1L;

    /** The most problems a report lists; a broken document can have thousands. */
    static final int MAX_PROBLEMS = 50;

    @SuppressWarnings("serial") // an unmodifiable list of strings
    private final List<String> problems;

    InvalidDescriptionException(String what, List<String> problems) {
        super(ErrorCode.BAD_REQUEST, what + " is invalid: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** The validation report: what is wrong, one problem a line. */
    public List<String> problems() {
        return problems;
    }
}
