package org.sild.securityserver.description;

import java.util.List;

/**
 * The service codes X-Road reserves for its own metadata and monitoring services (UG-SYSPAR
 * {@code proxy-ui-api.reserved-service-codes}); a description may not declare them.
 */
final class ReservedCodes {

    static final List<String> CODES = List.of("listClients", "listMethods", "allowedMethods", "getWsdl",
            "getOpenAPI", "getSecurityServerMetrics", "getSecurityServerOperationalData",
            "getSecurityServerHealthData");

    private ReservedCodes() {
    }

    static boolean isReserved(String code) {
        return CODES.contains(code);
    }
}
