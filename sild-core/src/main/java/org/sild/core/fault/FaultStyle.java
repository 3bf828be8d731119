package org.sild.core.fault;

/**
 * The spelling in which fault codes are written on the wire.
 *
 * <p>X-Road up to 7.7 writes {@code Server.ClientProxy.UnknownMember}; 7.8 switched to
 * {@code server.clientproxy.unknown_member}. Sild reads both and writes the one configured.
 */
public enum FaultStyle {
    /** {@code Server.ServerProxy.AccessDenied}: the form of X-Road 6 and 7 up to 7.7 (the default). */
    CLASSIC,
    /** {@code server.serverproxy.access_denied}: the form X-Road 7.8 emits. */
    SNAKE_CASE
}
