package org.sild.core.soap;

import java.util.Objects;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;

/**
 * The content of a SOAP 1.1 {@code Fault}: {@code faultcode}, {@code faultstring}, and the
 * optional {@code faultactor} and detail.
 *
 * <p>The detail is the text of {@code detail/faultDetail} when there is one (X-Road puts a UUID
 * there), otherwise the non-blank text directly inside {@code detail}. Codes are kept as written:
 * faults from information systems carry codes like {@code soap:Server}. Immutable.
 */
public record SoapFault(String faultCode, String faultString, Optional<String> faultActor,
        Optional<String> faultDetail) {

    public SoapFault {
        Objects.requireNonNull(faultCode, "faultCode");
        Objects.requireNonNull(faultString, "faultString");
        Objects.requireNonNull(faultActor, "faultActor");
        Objects.requireNonNull(faultDetail, "faultDetail");
    }

    /**
     * The fault as an exception with the fault's own code, as the consumer's security server
     * rejects a request that is a fault (the caller then adds {@code Client}).
     *
     * @throws XRoadException {@code InvalidSoap} when the code is empty or not a dotted code
     */
    public XRoadException toException() {
        try {
            return new XRoadException(FaultCode.parse(faultCode), faultString);
        } catch (IllegalArgumentException e) {
            throw new XRoadException(ErrorCode.INVALID_SOAP, "SOAP fault has an unusable faultcode '"
                    + faultCode + "': " + e.getMessage());
        }
    }
}
