package org.sild.securityserver.signer;

/** What a key on a token is for: the server's TLS authentication or a member's message signatures. */
public enum KeyPurpose {
    /** The security server's authentication key (TLS between security servers). */
    AUTHENTICATION,
    /** A member's signing key (message signatures). */
    SIGNING
}
