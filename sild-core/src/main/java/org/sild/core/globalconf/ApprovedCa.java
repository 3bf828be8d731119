package org.sild.core.globalconf;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A certification authority approved for the instance: its top CA, intermediate CAs with their
 * OCSP responders, and how member identifiers are read from the certificates it issues.
 *
 * <p>Immutable.
 *
 * @param authenticationOnly when true, its certificates serve TLS authentication only, not signing
 * @param certificateProfileInfo the X-Road Java class that maps certificate subjects to member identifiers
 */
public record ApprovedCa(
        String name,
        Optional<Boolean> authenticationOnly,
        CaInfo topCa,
        List<CaInfo> intermediateCas,
        String certificateProfileInfo,
        Optional<CsrFormat> defaultCsrFormat,
        Optional<AcmeServer> acmeServer) {

    public ApprovedCa {
        Objects.requireNonNull(name);
        Objects.requireNonNull(authenticationOnly);
        Objects.requireNonNull(topCa);
        intermediateCas = List.copyOf(intermediateCas);
        Objects.requireNonNull(certificateProfileInfo);
        Objects.requireNonNull(defaultCsrFormat);
        Objects.requireNonNull(acmeServer);
    }

    /** Whether certificates of this CA may only authenticate TLS connections. */
    public boolean isAuthenticationOnly() {
        return authenticationOnly.orElse(false);
    }

    /** The top CA followed by the intermediate CAs. */
    public List<CaInfo> allCas() {
        return Stream.concat(Stream.of(topCa), intermediateCas.stream()).toList();
    }

    /** A CA certificate and the OCSP responders for the certificates it issues. Immutable. */
    public record CaInfo(X509Certificate cert, List<OcspResponder> ocspResponders) {

        public CaInfo {
            Objects.requireNonNull(cert);
            ocspResponders = List.copyOf(ocspResponders);
        }
    }

    /**
     * An OCSP responder: its URL, optionally the certificate it signs responses with (when it is
     * not the CA itself) and, from version 6, its cost. Immutable.
     */
    public record OcspResponder(String url, Optional<X509Certificate> cert, Optional<CostType> costType) {

        public OcspResponder {
            Objects.requireNonNull(url);
            Objects.requireNonNull(cert);
            Objects.requireNonNull(costType);
        }
    }

    /** The ACME service of a CA (version 3 and later; profile ids from version 4). Immutable. */
    public record AcmeServer(String directoryUrl, Optional<String> ipAddress,
                             Optional<String> authenticationCertificateProfileId,
                             Optional<String> signingCertificateProfileId) {

        public AcmeServer {
            Objects.requireNonNull(directoryUrl);
            Objects.requireNonNull(ipAddress);
            Objects.requireNonNull(authenticationCertificateProfileId);
            Objects.requireNonNull(signingCertificateProfileId);
        }
    }

    /** The default format of certificate signing requests for this CA (version 6). */
    public enum CsrFormat {
        PEM, DER
    }
}
