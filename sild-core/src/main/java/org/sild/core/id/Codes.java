package org.sild.core.id;

import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/** Validation of the single codes an identifier is made of. */
final class Codes {

    /** Longest code accepted, as X-Road's management services allow. */
    static final int MAX_LENGTH = 255;

    private Codes() {
    }

    static void check(String field, String value) {
        if (value == null) {
            throw invalid(field + " is missing");
        }
        if (value.isEmpty()) {
            throw invalid(field + " is empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw invalid(field + " is longer than " + MAX_LENGTH + " characters");
        }
        if (!value.strip().equals(value)) {
            throw invalid(field + " '" + value + "' starts or ends with whitespace");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw invalid(field + " '" + printable(value)
                        + "' contains a control character at position " + i);
            }
        }
    }

    /** The error for a bad identifier value: {@code InvalidEncodedId}. */
    static XRoadException invalid(String message) {
        return new XRoadException(ErrorCode.INVALID_ENCODED_ID, message);
    }

    static boolean isRecommended(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || "'()+,-.=?".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean isDiscouraged(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || "%:;/\\\u200B\uFEFF".indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    static String printable(String value) {
        var out = new StringBuilder();
        value.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
