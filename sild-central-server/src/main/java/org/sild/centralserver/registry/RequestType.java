package org.sild.centralserver.registry;

/** The kinds of management request (PR-MSERV), by their X-Road service codes. */
public enum RequestType {
    AUTH_CERT_REG("authCertReg"),
    CLIENT_REG("clientReg"),
    CLIENT_DELETION("clientDeletion"),
    AUTH_CERT_DELETION("authCertDeletion"),
    OWNER_CHANGE("ownerChange"),
    ADDRESS_CHANGE("addressChange"),
    CLIENT_ENABLE("clientEnable"),
    CLIENT_DISABLE("clientDisable"),
    CLIENT_RENAME("clientRename"),
    MAINTENANCE_MODE_ENABLE("maintenanceModeEnable"),
    MAINTENANCE_MODE_DISABLE("maintenanceModeDisable");

    private final String serviceCode;

    RequestType(String serviceCode) {
        this.serviceCode = serviceCode;
    }

    /** The service code, for example {@code authCertReg}. */
    public String serviceCode() {
        return serviceCode;
    }

    /**
     * Whether a request of this type waits for an administrator (or an auto-approval setting):
     * registrations and owner changes do; deletions and changes to registered things take effect at
     * once (digest/04 §9.1).
     */
    public boolean needsApproval() {
        return this == AUTH_CERT_REG || this == CLIENT_REG || this == OWNER_CHANGE;
    }
}
