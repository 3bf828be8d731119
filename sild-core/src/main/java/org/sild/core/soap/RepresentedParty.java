package org.sild.core.soap;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code repr:representedParty} header (PR-THIRDPARTY): the party on whose behalf the client
 * acts, an optional {@code partyClass} and a {@code partyCode}. Immutable.
 */
public record RepresentedParty(Optional<String> partyClass, String partyCode) {

    /** Namespace of the extension's elements. */
    public static final String NAMESPACE = "http://x-road.eu/xsd/representation.xsd";

    public RepresentedParty {
        Objects.requireNonNull(partyClass, "partyClass");
        Objects.requireNonNull(partyCode, "partyCode");
    }
}
