package org.sild.core.soap;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * The check X-Road applies to the {@code SOAPAction} HTTP header of a request (SOAP 1.1 §6.1.1):
 * absent, empty and {@code ""} are accepted; anything else must be a double-quoted URI reference.
 * The header is forwarded to the provider unchanged.
 */
public final class SoapAction {

    private SoapAction() {
    }

    /**
     * Returns the value as given when it is acceptable.
     *
     * @throws XRoadException {@code InvalidSoapAction} (bare; the consumer proxy adds {@code Client})
     */
    public static Optional<String> check(Optional<String> header) {
        header.ifPresent(SoapAction::checkValue);
        return header;
    }

    private static void checkValue(String value) {
        if (value.isEmpty() || value.equals("\"\"")) {
            return;
        }
        int last = value.length() - 1;
        if (last > 1 && value.charAt(0) == '"' && value.charAt(last) == '"') {
            try {
                new URI(value.substring(1, last));
                return;
            } catch (URISyntaxException e) {
                throw malformed(value);
            }
        }
        throw malformed(value);
    }

    private static XRoadException malformed(String value) {
        String shown = value.length() > 200 ? value.substring(0, 200) + "..." : value;
        return new XRoadException(ErrorCode.INVALID_SOAP_ACTION,
                "malformed SOAPAction header '" + shown + "' (expected \"\" or a quoted URI)");
    }
}
