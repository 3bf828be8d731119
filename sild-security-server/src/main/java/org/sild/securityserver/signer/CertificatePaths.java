package org.sild.securityserver.signer;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.sild.core.fault.XRoadException;
import org.sild.core.pki.CertChain;
import org.sild.core.pki.CertChainVerifier;
import org.sild.core.pki.CertHashes;
import org.sild.securityserver.globalconf.GlobalConf;

/**
 * The verified paths of the certificates on a token to the approved CAs of the own instance (all
 * of them for the authentication certificate, those not {@code authenticationOnly} for signing
 * certificates), the certificates on those paths that need OCSP responses with their issuers, and
 * why a certificate has no path. Immutable.
 */
record CertificatePaths(Map<X509Certificate, CertChain> paths, Map<X509Certificate, X509Certificate> subjects,
                        Map<X509Certificate, String> problems, Map<String, X509Certificate> byHash) {

    static final CertificatePaths NONE = new CertificatePaths(Map.of(), Map.of(), Map.of(), Map.of());

    CertificatePaths {
        paths = Map.copyOf(paths);
        subjects = Collections.unmodifiableMap(new LinkedHashMap<>(subjects));
        problems = Map.copyOf(problems);
        byHash = Map.copyOf(byHash);
    }

    /** Resolves the paths of every certificate on {@code token} under {@code conf} at {@code now}. */
    static CertificatePaths resolve(Token token, GlobalConf conf, Instant now) {
        var paths = new LinkedHashMap<X509Certificate, CertChain>();
        var subjects = new LinkedHashMap<X509Certificate, X509Certificate>();
        var problems = new LinkedHashMap<X509Certificate, String>();
        List<X509Certificate> caCerts = conf.own().parameters().approvedCas().stream()
                .flatMap(ca -> ca.allCas().stream()).map(info -> info.cert()).toList();
        for (TokenKey key : token.keys()) {
            if (key.certificate().isEmpty()) {
                continue;
            }
            X509Certificate leaf = key.certificate().get();
            var intermediates = Stream.concat(key.chain().stream().skip(1), caCerts.stream()).distinct().toList();
            try {
                CertChain path = new CertChainVerifier(conf.own().trustAnchors(key.purpose() == KeyPurpose.SIGNING))
                        .verify(leaf, intermediates, now);
                paths.put(leaf, path);
                for (int i = 0; i < path.certificates().size(); i++) {
                    subjects.putIfAbsent(path.certificates().get(i), path.issuerOf(i));
                }
            } catch (XRoadException e) {
                problems.put(leaf, "its certificate path does not verify: " + e.getMessage());
            }
        }
        var byHash = new HashMap<String, X509Certificate>();
        subjects.keySet().forEach(c -> {
            byHash.put(CertHashes.sha1Hex(c), c);
            byHash.put(CertHashes.sha256Hex(c), c);
        });
        return new CertificatePaths(paths, subjects, problems, byHash);
    }
}
