package org.sild.core.management;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.management.ManagementRequest.AddressChange;
import org.sild.core.management.ManagementRequest.AuthCertReg;
import org.sild.core.management.ManagementRequest.ClientReg;
import org.sild.core.management.ManagementRequest.ClientRename;
import org.sild.core.pki.CertChain;
import org.sild.core.pki.CertChainVerifier;
import org.sild.core.pki.CertUsage;
import org.sild.core.pki.OcspTrust;
import org.sild.core.pki.OcspVerifier;
import org.sild.core.pki.TrustedCa;
import org.sild.core.signature.CertificateProfile;

/**
 * Verifies management requests as the central server does (PR-MSERV, digest 04 §9.4, X-Road's
 * {@code ManagementRequestVerifier} and its callbacks), against trust the caller derives from the
 * central server's own configuration.
 *
 * <p>Checks, each failure an {@link XRoadException}:
 * <ol>
 *   <li>the message calls the configured management service provider and comes from the own
 *       instance ({@code InvalidRequest});</li>
 *   <li>the sender ({@code client} header) is the owner of the server the request is about
 *       ({@code InvalidRequest}); the server's and client's identifier codes hold none of
 *       {@code : ; % / \}, zero-width characters or control characters ({@code InvalidClientIdentifier});</li>
 *   <li>the request makes sense: a valid IP address or DNS name for {@code authCertReg} (required
 *       there) and {@code addressChange}; a subsystem where a subsystem name is given or changed
 *       ({@code InvalidRequest});</li>
 *   <li>signed types: the member signature verifies over the SOAP bytes with the certificate's key
 *       ({@code InvalidSignatureValue}); the certificate chains to an approved CA and is valid now and
 *       has keyUsage nonRepudiation ({@code CertValidation}); its OCSP response is for it, signed by an
 *       authorised responder, fresh ({@code IncorrectValidationInfo}) and good ({@code CertValidation});
 *       the member the CA's certificate profile reads from it is the one the request needs
 *       ({@link ManagementRequest#requiredSigner()}, {@code InvalidRequest});</li>
 *   <li>{@code authCertReg}: the authentication certificate chains to an approved CA, is valid now and
 *       is an authentication certificate ({@code CertValidation}), and the proof of possession verifies
 *       with its key ({@code InvalidSignatureValue}).</li>
 * </ol>
 * Whether the objects exist in the registry (is the server registered, does the member exist) is the
 * registry's business, not this class's. Immutable and thread-safe.
 */
public final class ManagementRequestVerifier {

    private static final String BAD_ID_CHARACTERS = ":;%/\\\u200B\uFEFF";
    private static final int MAX_CODE_LENGTH = 255;

    private final String instance;
    private final ClientId provider;
    private final CertChainVerifier chains;
    private final List<X509Certificate> intermediates;
    private final OcspVerifier ocsp;
    private final Function<X509Certificate, Optional<CertificateProfile>> profiles;
    private final Clock clock;

    private ManagementRequestVerifier(Builder b) {
        this.instance = b.instance;
        this.provider = b.provider;
        this.chains = new CertChainVerifier(b.trustAnchors);
        this.intermediates = b.ocspTrust.cas().stream().map(TrustedCa::certificate)
                .filter(c -> !b.trustAnchors.contains(c)).toList();
        this.ocsp = new OcspVerifier(b.ocspTrust);
        this.profiles = b.profiles;
        this.clock = b.clock;
    }

    /** A builder; every setting but the clock (default: system UTC) is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies {@code request} now and returns its message.
     *
     * @throws XRoadException as listed in the class description
     */
    public ManagementMessage verify(ManagementPackage request) {
        ManagementMessage message = request.message();
        checkAddressing(message);
        checkRequest(message.request());
        Instant now = clock.instant();
        if (request.memberSignature().isPresent()) {
            verifyMember(message, request.memberSignature().get(), now);
        }
        if (request.authSignature().isPresent()) {
            verifyAuth(message, request.authSignature().get(), now);
        }
        return message;
    }

    private void checkAddressing(ManagementMessage message) {
        ClientId sender = message.header().client();
        if (!message.header().service().provider().equals(provider) || !sender.instance().equals(instance)) {
            throw invalidRequest("Invalid management service address: the request calls "
                    + message.header().service() + " from instance " + sender.instance() + ", the management service is "
                    + provider + " of instance " + instance);
        }
        SecurityServerId server = message.request().server();
        checkCodes(server.codes());
        if (!sender.equals(server.owner())) {
            throw invalidRequest("Sender " + sender + " does not match server owner " + server.owner());
        }
    }

    private static void checkRequest(ManagementRequest request) {
        switch (request) {
            case AuthCertReg r -> {
                String address = r.address().orElseThrow(() -> invalidRequest("Invalid server address: none given"));
                checkAddress(address);
            }
            case AddressChange r -> checkAddress(r.address());
            case ClientReg r -> {
                checkCodes(r.client().codes());
                if (r.subsystemName().filter(n -> !n.isEmpty()).isPresent() && r.client().subsystemCode().isEmpty()) {
                    throw invalidRequest("A subsystem name is given for " + r.client() + ", which is not a subsystem");
                }
            }
            case ClientRename r -> {
                checkCodes(r.client().codes());
                if (r.client().subsystemCode().isEmpty()) {
                    throw invalidRequest("Only a subsystem can be renamed, not " + r.client());
                }
                if (r.subsystemName().isBlank()) {
                    throw invalidRequest("Invalid subsystem name '" + r.subsystemName() + "'");
                }
            }
            case ManagementRequest.ClientDeletion r -> checkCodes(r.client().codes());
            case ManagementRequest.ClientEnable r -> checkCodes(r.client().codes());
            case ManagementRequest.ClientDisable r -> checkCodes(r.client().codes());
            case ManagementRequest.OwnerChange r -> checkCodes(r.client().codes());
            default -> {
                // The server alone, checked with the addressing.
            }
        }
    }

    private void verifyMember(ManagementMessage message, MemberSignature member, Instant now) {
        String who = message.type().hasAuthSignature() ? "Owner" : "Client";
        X509Certificate cert = member.certificate();
        if (!member.signature().verifies(cert.getPublicKey(), message.bytes())) {
            throw new XRoadException(ErrorCode.INVALID_SIGNATURE_VALUE, who + " signature verification failed");
        }
        CertChain chain = chain(cert, now, "Member (owner/client) sign certificate");
        if (!isSigningCert(cert)) {
            throw new XRoadException(ErrorCode.CERT_VALIDATION, "Member (owner/client) sign certificate "
                    + cert.getSubjectX500Principal().getName() + " is not a signing certificate (no nonRepudiation)");
        }
        ocsp.verify(member.ocspResponse(), cert, chain.issuerOf(0), now);
        MemberId required = message.request().requiredSigner().orElseThrow();
        CertificateProfile profile = profiles.apply(cert).orElseThrow(() -> new XRoadException(ErrorCode.CERT_VALIDATION,
                "No certificate profile is known for the CA of " + cert.getSubjectX500Principal().getName()));
        MemberId signer = profile.signerOf(cert, required);
        if (!signer.equals(required)) {
            throw invalidRequest("Subject identifier (" + signer + ") in certificate does not match the "
                    + (message.type().hasAuthSignature() ? "security server owner" : "client's member")
                    + " identifier (" + required + ") in request");
        }
    }

    private void verifyAuth(ManagementMessage message, RequestSignature proof, Instant now) {
        X509Certificate authCert = ((AuthCertReg) message.request()).authCert();
        chain(authCert, now, "Authentication certificate");
        boolean isAuth;
        try {
            isAuth = CertUsage.isAuthCert(authCert);
        } catch (XRoadException e) {
            isAuth = false;
        }
        if (!isAuth) {
            throw new XRoadException(ErrorCode.CERT_VALIDATION, "Authentication certificate is not valid: "
                    + authCert.getSubjectX500Principal().getName() + " is not an authentication certificate");
        }
        if (!proof.verifies(authCert.getPublicKey(), message.bytes())) {
            throw new XRoadException(ErrorCode.INVALID_SIGNATURE_VALUE, "Auth signature verification failed");
        }
    }

    private static boolean isSigningCert(X509Certificate cert) {
        try {
            return CertUsage.isSigningCert(cert);
        } catch (XRoadException e) {
            return false;
        }
    }

    private CertChain chain(X509Certificate cert, Instant now, String what) {
        try {
            return chains.verify(cert, intermediates, now);
        } catch (XRoadException e) {
            throw new XRoadException(ErrorCode.CERT_VALIDATION, what + " is invalid: " + e.getMessage(), e);
        }
    }

    private static void checkAddress(String address) {
        if (!Addresses.isValid(address)) {
            throw invalidRequest("Invalid server address '" + address + "'");
        }
    }

    private static void checkCodes(List<String> codes) {
        for (String code : codes) {
            boolean bad = code.isEmpty() || code.length() > MAX_CODE_LENGTH
                    || code.chars().anyMatch(c -> Character.isISOControl(c) || BAD_ID_CHARACTERS.indexOf(c) >= 0);
            if (bad) {
                throw new XRoadException(ErrorCode.INVALID_CLIENT_IDENTIFIER,
                        "The management request contains an invalid identifier: code '" + code + "'");
            }
        }
    }

    private static XRoadException invalidRequest(String message) {
        return new XRoadException(ErrorCode.INVALID_REQUEST, message);
    }

    /** Collects the central server's trust for one verifier. Not thread-safe. */
    public static final class Builder {
        private String instance;
        private ClientId provider;
        private List<X509Certificate> trustAnchors;
        private OcspTrust ocspTrust;
        private Function<X509Certificate, Optional<CertificateProfile>> profiles;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The central server's own instance identifier; requests from other instances are refused. */
        public Builder instance(String instance) {
            this.instance = Objects.requireNonNull(instance, "instance");
            return this;
        }

        /** The subsystem that provides the management services ({@code managementRequestServiceProviderId}). */
        public Builder managementServiceProvider(ClientId provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** The approved CAs' top certificates, where certificate paths end. */
        public Builder trustAnchors(List<X509Certificate> anchors) {
            this.trustAnchors = List.copyOf(anchors);
            return this;
        }

        /**
         * Every approved CA certificate (top and intermediate) with its OCSP responders, the freshness
         * limit and the {@code nextUpdate} rule; the intermediates also complete certificate paths.
         */
        public Builder ocspTrust(OcspTrust trust) {
            this.ocspTrust = Objects.requireNonNull(trust, "trust");
            return this;
        }

        /** The certificate profile of a signing certificate's CA (its {@code certificateProfileInfo}). */
        public Builder profiles(Function<X509Certificate, Optional<CertificateProfile>> profiles) {
            this.profiles = Objects.requireNonNull(profiles, "profiles");
            return this;
        }

        /** The clock verification time is read from (default: the system UTC clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public ManagementRequestVerifier build() {
            Objects.requireNonNull(instance, "instance is required");
            Objects.requireNonNull(provider, "managementServiceProvider is required");
            Objects.requireNonNull(trustAnchors, "trustAnchors are required");
            Objects.requireNonNull(ocspTrust, "ocspTrust is required");
            Objects.requireNonNull(profiles, "profiles are required");
            return new ManagementRequestVerifier(this);
        }
    }
}
