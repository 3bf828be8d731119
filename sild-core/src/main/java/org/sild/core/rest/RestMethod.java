package org.sild.core.rest;

import java.util.Locale;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/** The HTTP methods X-Road carries over REST. */
public enum RestMethod {
    DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT, TRACE;

    /** The method named {@code name} (exact upper case, as HTTP requires), or {@code InvalidHttpMethod}. */
    public static RestMethod of(String name) {
        try {
            RestMethod m = valueOf(name);
            if (m.name().equals(name)) {
                return m;
            }
        } catch (IllegalArgumentException e) {
            // fall through to the fault below
        }
        throw new XRoadException(ErrorCode.INVALID_HTTP_METHOD,
                "HTTP method '" + name + "' is not supported for REST (expected one of "
                        + String.join(", ", java.util.Arrays.stream(values()).map(Enum::name).toList())
                        + ")" + (name.equals(name.toUpperCase(Locale.ROOT)) ? "" : "; methods are case-sensitive"));
    }
}
