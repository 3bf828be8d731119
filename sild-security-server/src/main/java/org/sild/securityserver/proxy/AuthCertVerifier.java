package org.sild.securityserver.proxy;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ApprovedCa;
import org.sild.core.globalconf.SecurityServer;
import org.sild.core.globalconf.SharedParametersIndex;
import org.sild.core.id.ClientId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.pki.CertChain;
import org.sild.core.pki.CertChainVerifier;
import org.sild.core.pki.CertUsage;
import org.sild.core.pki.OcspResponse;
import org.sild.core.pki.OcspVerifier;
import org.sild.securityserver.globalconf.GlobalConf;

/**
 * Verifies the authentication certificate of another security server, in both directions
 * (digest 03 §2): it must be an authentication certificate whose hash global configuration lists
 * for a security server, chain to an approved CA, have fresh GOOD OCSP responses for every
 * certificate of its chain below the root, and belong to a server that serves a given client
 * (the provider: the service's provider; the consumer: the message's client).
 *
 * <p>Every failure is {@code SslAuthenticationFailed} (bare; callers prefix it), its message naming
 * the reason. Stateless and thread-safe.
 */
public final class AuthCertVerifier {

    /** The security server an authentication certificate belongs to, with its shared parameters. */
    public record AuthServer(SecurityServer server, SharedParametersIndex instance) {
        public SecurityServerId id() {
            return server.id();
        }
    }

    /**
     * The security server global configuration lists {@code authCert} for.
     *
     * @throws XRoadException {@code SslAuthenticationFailed} when none does or it is no authentication certificate
     */
    public AuthServer server(GlobalConf conf, X509Certificate authCert) {
        boolean auth;
        try {
            auth = CertUsage.isAuthCert(authCert);
        } catch (XRoadException e) {
            auth = false;
        }
        if (!auth) {
            throw failed("certificate " + name(authCert) + " is not an authentication certificate");
        }
        for (SharedParametersIndex index : conf.instances()) {
            Optional<SecurityServer> server = index.securityServerByAuthCert(authCert);
            if (server.isPresent()) {
                return new AuthServer(server.get(), index);
            }
        }
        throw failed("authentication certificate " + name(authCert)
                + " is not registered for any security server in global configuration");
    }

    /**
     * The certificate path of a peer's TLS chain (leaf first) to an approved CA, at {@code now}.
     *
     * @throws XRoadException {@code SslAuthenticationFailed}
     */
    public CertChain chain(AuthServer server, List<X509Certificate> peerChain, Instant now) {
        if (peerChain.isEmpty()) {
            throw failed("the peer presented no certificate");
        }
        var pool = new ArrayList<X509Certificate>(peerChain.subList(1, peerChain.size()));
        for (ApprovedCa ca : server.instance().parameters().approvedCas()) {
            ca.allCas().forEach(info -> pool.add(info.cert()));
        }
        try {
            return new CertChainVerifier(server.instance().trustAnchors(false)).verify(peerChain.get(0), pool, now);
        } catch (XRoadException e) {
            throw failed(e);
        }
    }

    /**
     * Verifies {@code peerChain} with {@code ocspResponses} and requires its server to serve
     * {@code mustServe}; returns that server.
     *
     * @throws XRoadException {@code SslAuthenticationFailed}
     */
    public SecurityServerId verify(GlobalConf conf, List<X509Certificate> peerChain, List<byte[]> ocspResponses,
            ClientId mustServe, Instant now) {
        if (peerChain.isEmpty()) {
            throw failed("the peer presented no certificate");
        }
        AuthServer server = server(conf, peerChain.get(0));
        CertChain chain = chain(server, peerChain, now);
        checkOcsp(conf, server, chain, ocspResponses, now);
        requireServes(conf, server.id(), mustServe);
        return server.id();
    }

    /**
     * Checks a GOOD, fresh OCSP response among {@code ocspResponses} for every certificate of
     * {@code chain} below its trust anchor.
     *
     * @throws XRoadException {@code SslAuthenticationFailed}
     */
    public void checkOcsp(GlobalConf conf, AuthServer server, CertChain chain, List<byte[]> ocspResponses,
            Instant now) {
        if (ocspResponses.isEmpty()) {
            throw failed("Cannot verify TLS certificate, corresponding OCSP response is missing");
        }
        try {
            var parsed = ocspResponses.stream().map(OcspResponse::parse).toList();
            var verifier = new OcspVerifier(conf.ocspTrust(server.instance().parameters().instanceIdentifier()));
            for (int i = 0; i < chain.certificates().size(); i++) {
                X509Certificate subject = chain.certificates().get(i);
                OcspResponse response = OcspResponse.find(parsed, subject, chain.issuerOf(i))
                        .orElseThrow(() -> new XRoadException(ErrorCode.CERT_VALIDATION,
                                "Unable to find OCSP response for certificate " + name(subject)));
                verifier.verify(response, subject, chain.issuerOf(i), now);
            }
        } catch (XRoadException e) {
            throw failed(e);
        }
    }

    /**
     * Requires security server {@code server} to serve {@code client} (as owner or registered client).
     *
     * @throws XRoadException {@code SslAuthenticationFailed}
     */
    public void requireServes(GlobalConf conf, SecurityServerId server, ClientId client) {
        boolean serves = conf.instanceOf(client).map(index -> index.serves(server, client)).orElse(false);
        if (!serves) {
            throw failed("Client '" + client + "' is not registered at security server '" + server + "'");
        }
    }

    /** The subject of {@code certificate}, for messages. */
    static String name(X509Certificate certificate) {
        return "'" + certificate.getSubjectX500Principal().getName() + "'";
    }

    private static XRoadException failed(String message) {
        return new XRoadException(ErrorCode.SSL_AUTHENTICATION_FAILED, message);
    }

    private static XRoadException failed(XRoadException cause) {
        return new XRoadException(ErrorCode.SSL_AUTHENTICATION_FAILED, cause.code() + ": " + cause.getMessage(), cause);
    }
}
