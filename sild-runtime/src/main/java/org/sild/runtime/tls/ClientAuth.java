package org.sild.runtime.tls;

/** Whether a TLS server asks for a client certificate. */
public enum ClientAuth {
    /** No client certificate is requested. */
    NONE,
    /** A client certificate is requested; a client without one is still accepted. */
    WANT,
    /** A client certificate is required; the handshake fails without one. */
    NEED
}
