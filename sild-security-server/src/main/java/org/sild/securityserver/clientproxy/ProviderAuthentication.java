package org.sild.securityserver.clientproxy;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.pki.CertChain;
import org.sild.securityserver.globalconf.GlobalConf;
import org.sild.securityserver.proxy.AuthCertVerifier;
import org.sild.securityserver.proxy.OcspDownloadClient;

/**
 * The consumer's check of a provider security server right after the TLS handshake (digest 03
 * §2.3): its authentication certificate must be registered in global configuration, chain to an
 * approved CA, be proven GOOD by fresh OCSP responses — cached, or downloaded from the provider's
 * OCSP port — and belong to a server that serves the service's provider.
 *
 * <p>A verified certificate is trusted for a short while without checking the chain and OCSP again;
 * whether its server serves the provider is checked every time. Thread-safe.
 */
final class ProviderAuthentication {

    private static final int MAX_CACHE_ENTRIES = 10_000;

    private final AuthCertVerifier verifier;
    private final OcspDownloadClient ocspDownload;
    private final Clock clock;
    private final Duration ttl;
    private final Map<X509Certificate, List<byte[]>> ocspCache = new ConcurrentHashMap<>();
    private final Map<X509Certificate, Instant> verified = new ConcurrentHashMap<>();

    ProviderAuthentication(AuthCertVerifier verifier, OcspDownloadClient ocspDownload, Clock clock, Duration ttl) {
        this.verifier = verifier;
        this.ocspDownload = ocspDownload;
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * Verifies the peer at {@code endpoint} for a request to {@code provider}; returns its server.
     *
     * @throws XRoadException (bare) {@code SslAuthenticationFailed}
     */
    SecurityServerId verify(GlobalConf conf, List<X509Certificate> peerChain, ProviderEndpoint endpoint,
            ClientId provider) {
        if (peerChain.isEmpty()) {
            throw new XRoadException(ErrorCode.SSL_AUTHENTICATION_FAILED,
                    "provider security server " + endpoint.address() + " presented no certificate");
        }
        Instant now = clock.instant();
        X509Certificate leaf = peerChain.get(0);
        AuthCertVerifier.AuthServer server = verifier.server(conf, leaf);
        Instant until = verified.get(leaf);
        if (until == null || !until.isAfter(now)) {
            CertChain chain = verifier.chain(server, peerChain, now);
            List<byte[]> cached = ocspCache.get(leaf);
            try {
                if (cached == null) {
                    throw new XRoadException(ErrorCode.SSL_AUTHENTICATION_FAILED, "no cached OCSP responses");
                }
                verifier.checkOcsp(conf, server, chain, cached, now);
            } catch (XRoadException staleOrMissing) {
                List<byte[]> fresh = download(endpoint, chain);
                verifier.checkOcsp(conf, server, chain, fresh, now);
                remember(ocspCache, leaf, fresh);
            }
            remember(verified, leaf, now.plus(ttl));
        }
        verifier.requireServes(conf, server.id(), provider);
        return server.id();
    }

    private List<byte[]> download(ProviderEndpoint endpoint, CertChain chain) {
        try {
            return ocspDownload.download(endpoint.host(), endpoint.ocspPort(), chain.certificates());
        } catch (XRoadException e) {
            throw new XRoadException(ErrorCode.SSL_AUTHENTICATION_FAILED, "cannot get the OCSP responses of "
                    + endpoint.server() + " from " + endpoint.host() + ":" + endpoint.ocspPort() + ": "
                    + e.getMessage(), e);
        }
    }

    private static <V> void remember(Map<X509Certificate, V> map, X509Certificate key, V value) {
        if (map.size() >= MAX_CACHE_ENTRIES) {
            map.clear();
        }
        map.put(key, value);
    }
}
