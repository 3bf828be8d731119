package org.sild.securityserver.metadata;

import java.util.Arrays;
import java.util.Optional;

/** A service code the provider's security server answers itself (reserved: never a user service). */
public enum Metaservice {
    LIST_METHODS("listMethods", true, true),
    ALLOWED_METHODS("allowedMethods", true, true),
    GET_WSDL("getWsdl", true, false),
    GET_OPENAPI("getOpenAPI", false, true);

    private final String code;
    private final boolean soap;
    private final boolean rest;

    Metaservice(String code, boolean soap, boolean rest) {
        this.code = code;
        this.soap = soap;
        this.rest = rest;
    }

    /** The service code, e.g. {@code listMethods}. */
    public String code() {
        return code;
    }

    /** The SOAP metaservice with this service code. */
    public static Optional<Metaservice> soap(String serviceCode) {
        return Arrays.stream(values()).filter(m -> m.soap && m.code.equals(serviceCode)).findFirst();
    }

    /** The REST metaservice with this service code. */
    public static Optional<Metaservice> rest(String serviceCode) {
        return Arrays.stream(values()).filter(m -> m.rest && m.code.equals(serviceCode)).findFirst();
    }

    /** Whether {@code serviceCode} is a metaservice code of either protocol (never listed as a service). */
    public static boolean isReserved(String serviceCode) {
        return Arrays.stream(values()).anyMatch(m -> m.code.equals(serviceCode));
    }
}
