/**
 * TLS contexts built from in-memory key material, and the TLS profiles Sild speaks.
 *
 * <p>{@link org.sild.runtime.tls.TlsContexts} builds an {@link javax.net.ssl.SSLContext} from a
 * private key and its certificate chain (a key manager that always presents that key) and a trust
 * decision: a {@link org.sild.runtime.tls.PeerTrust} callback that receives the peer chain (X-Road
 * security servers accept the handshake and verify the peer against global configuration, see
 * {@code digest/03-transport.md} §2), a fixed set of trust anchors (PKIX), or the JDK's default
 * trust store. Nothing is read from files or system properties.
 *
 * <p>{@link org.sild.runtime.tls.TlsProfile} names protocols and cipher suites:
 * {@link org.sild.runtime.tls.TlsProfile#X_ROAD} for security server to security server traffic
 * (TLSv1.2 only, X-Road's three CBC suites in X-Road's order) and
 * {@link org.sild.runtime.tls.TlsProfile#CLIENT_FACING} for information systems, browsers and
 * tools (TLS 1.3 and 1.2, AEAD suites only). {@link org.sild.runtime.tls.ServerTls} and
 * {@link org.sild.runtime.tls.ClientTls} pair a context with a profile for the HTTP server and
 * client factories in {@code org.sild.runtime.http}.
 *
 * <p>JDK 25 still enables X-Road's CBC suites: its {@code jdk.tls.disabledAlgorithms} removes
 * {@code TLS_RSA_*} (static RSA key exchange), 3DES, RC4 and friends, not ECDHE/DHE with AES-CBC.
 * {@link org.sild.runtime.tls.TlsProfile#requireSupported} fails closed with a clear message if a
 * future JDK or an operator's {@code java.security} drops one; the tests handshake with each of
 * the three suites to prove they are negotiated.
 */
package org.sild.runtime.tls;
