package org.sild.core.rest;

import java.util.Objects;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.XRoadIds;

/**
 * The party a client acts for (third-party representation extension): an optional party class
 * and a party code. In REST it travels as {@code X-Road-Represented-Party: [CLASS/]CODE}.
 */
public record RepresentedParty(Optional<String> partyClass, String partyCode) {

    public RepresentedParty {
        Objects.requireNonNull(partyClass, "partyClass");
        if (partyCode == null || partyCode.isEmpty()) {
            throw new XRoadException(ErrorCode.INVALID_REQUEST, "represented party has no party code");
        }
    }

    /** Parses the header value {@code [CLASS/]CODE}, each part percent-encoded. */
    public static RepresentedParty parseHeader(String value) {
        String[] parts = value.split("/", -1);
        return switch (parts.length) {
            case 1 -> new RepresentedParty(Optional.empty(), XRoadIds.percentDecode(parts[0]));
            case 2 -> new RepresentedParty(Optional.of(XRoadIds.percentDecode(parts[0])),
                    XRoadIds.percentDecode(parts[1]));
            default -> throw new XRoadException(ErrorCode.INVALID_REQUEST,
                    "represented party '" + value + "' must be [CLASS/]CODE");
        };
    }

    /** The header value: {@code CODE} or {@code CLASS/CODE}. */
    public String toHeader() {
        String code = XRoadIds.percentEncode(partyCode);
        return partyClass.map(c -> XRoadIds.percentEncode(c) + "/" + code).orElse(code);
    }
}
