package org.sild.runtime.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * The TLS protocols and cipher suites one endpoint offers, in preference order.
 *
 * <p>Immutable value. The server side honours the order of {@link #cipherSuites()} (server
 * preference), as X-Road does with {@code proxy.xroad-tls-ciphers}.
 *
 * @param protocols    protocol names as the JDK spells them ({@code TLSv1.2}, {@code TLSv1.3})
 * @param cipherSuites IANA cipher suite names, most preferred first
 */
public record TlsProfile(List<String> protocols, List<String> cipherSuites) {

    /**
     * Security server to security server (X-Road message transport, {@code digest/03} §2):
     * TLSv1.2 only and exactly X-Road's three suites in X-Road's order.
     */
    public static final TlsProfile X_ROAD = new TlsProfile(
            List.of("TLSv1.2"),
            List.of("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
                    "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256",
                    "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"));

    /**
     * Interfaces facing information systems, operators and tools: TLS 1.3 and 1.2 with forward
     * secret AEAD suites only (AES-GCM, ChaCha20-Poly1305).
     */
    public static final TlsProfile CLIENT_FACING = new TlsProfile(
            List.of("TLSv1.3", "TLSv1.2"),
            List.of("TLS_AES_256_GCM_SHA384",
                    "TLS_AES_128_GCM_SHA256",
                    "TLS_CHACHA20_POLY1305_SHA256",
                    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
                    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"));

    public TlsProfile {
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
        if (protocols.isEmpty() || cipherSuites.isEmpty()) {
            throw new IllegalArgumentException("a TLS profile needs at least one protocol and one cipher suite");
        }
    }

    /**
     * Checks that {@code context} can negotiate every protocol and cipher suite of this profile.
     *
     * <p>The JDK leaves out of its supported lists whatever {@code jdk.tls.disabledAlgorithms}
     * forbids, so a suite that is missing here would silently never be negotiated. Fails closed.
     *
     * @return this profile
     * @throws XRoadException {@code InternalError} naming the unsupported protocols and suites
     */
    public TlsProfile requireSupported(SSLContext context) {
        SSLParameters supported = context.getSupportedSSLParameters();
        var missing = new ArrayList<String>();
        missing.addAll(absent(protocols, Set.of(supported.getProtocols())));
        missing.addAll(absent(cipherSuites, Set.of(supported.getCipherSuites())));
        if (!missing.isEmpty()) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "TLS protocols or cipher suites " + missing
                    + " are not available in this JVM (check jdk.tls.disabledAlgorithms in java.security)");
        }
        return this;
    }

    /** Restricts {@code parameters} to this profile, honouring the suite order. */
    public SSLParameters applyTo(SSLParameters parameters) {
        parameters.setProtocols(protocols.toArray(String[]::new));
        parameters.setCipherSuites(cipherSuites.toArray(String[]::new));
        parameters.setUseCipherSuitesOrder(true);
        return parameters;
    }

    private static List<String> absent(List<String> wanted, Set<String> available) {
        return wanted.stream().filter(w -> !available.contains(w)).toList();
    }
}
