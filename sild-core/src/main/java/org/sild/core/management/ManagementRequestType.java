package org.sild.core.management;

import java.util.Optional;

/**
 * The management services of PR-MSERV §2 (digest 04 §9.1), named by their service code, which is
 * also the local name of the request's body element ({@code Response} appended for the answer).
 *
 * <p>Each type knows how it travels and who signs it: {@link #AUTH_CERT_REG} goes straight to the
 * central server and carries the proof of possession of the authentication key and the server
 * owner's signature; the deletions are plain {@code text/xml}; all others carry one member
 * signature (whose member, {@link ManagementRequest#requiredSigner()} says).
 */
public enum ManagementRequestType {
    AUTH_CERT_REG("authCertReg", Signing.AUTH_AND_MEMBER),
    AUTH_CERT_DELETION("authCertDeletion", Signing.NONE),
    CLIENT_REG("clientReg", Signing.MEMBER),
    CLIENT_DELETION("clientDeletion", Signing.NONE),
    OWNER_CHANGE("ownerChange", Signing.MEMBER),
    ADDRESS_CHANGE("addressChange", Signing.MEMBER),
    CLIENT_ENABLE("clientEnable", Signing.MEMBER),
    CLIENT_DISABLE("clientDisable", Signing.MEMBER),
    CLIENT_RENAME("clientRename", Signing.MEMBER),
    MAINTENANCE_MODE_ENABLE("maintenanceModeEnable", Signing.MEMBER),
    MAINTENANCE_MODE_DISABLE("maintenanceModeDisable", Signing.MEMBER);

    private enum Signing { NONE, MEMBER, AUTH_AND_MEMBER }

    private final String serviceCode;
    private final Signing signing;

    ManagementRequestType(String serviceCode, Signing signing) {
        this.serviceCode = serviceCode;
        this.signing = signing;
    }

    /** The service code and request element name, for example {@code clientReg}. */
    public String serviceCode() {
        return serviceCode;
    }

    /** The response element name, for example {@code clientRegResponse}. */
    public String responseElement() {
        return serviceCode + "Response";
    }

    /** Whether the request is sent as {@code multipart/related} with a member signature. */
    public boolean isSigned() {
        return signing != Signing.NONE;
    }

    /** Whether the request also carries the authentication key's signature ({@code authCertReg} only). */
    public boolean hasAuthSignature() {
        return signing == Signing.AUTH_AND_MEMBER;
    }

    /**
     * Whether the security server posts the request directly to the central server's registration
     * service instead of sending it as an X-Road message ({@code authCertReg}: the server cannot send
     * X-Road messages before its authentication certificate is registered).
     */
    public boolean isDirect() {
        return this == AUTH_CERT_REG;
    }

    /** The type with service code {@code code} (exact spelling), if any. */
    public static Optional<ManagementRequestType> byServiceCode(String code) {
        for (ManagementRequestType t : values()) {
            if (t.serviceCode.equals(code)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
