package org.sild.centralserver.management;

import org.sild.core.management.ManagementRequestType;

/**
 * The two management service endpoints of a central server, with their paths and which requests
 * each accepts: {@code authCertReg} only at the registration service, everything else only at the
 * management service.
 */
public enum ManagementPort {
    /** X-Road's port 4001: security servers post {@code authCertReg} here directly. */
    REGISTRATION("/managementservice/"),
    /** X-Road's port 4002: the management services' security server forwards the other requests here. */
    MANAGEMENT("/managementservice/manage/");

    private final String path;

    ManagementPort(String path) {
        this.path = path;
    }

    /** The path requests are posted to, for example {@code /managementservice/}. */
    public String path() {
        return path;
    }

    /** Whether requests of {@code type} belong to this endpoint. */
    public boolean accepts(ManagementRequestType type) {
        return (type == ManagementRequestType.AUTH_CERT_REG) == (this == REGISTRATION);
    }
}
