package org.sild.trustservices.ca;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.signature.CertificateProfile;
import org.sild.core.signature.CertificateProfiles;

/**
 * What the CA checks and puts into the certificates it issues: the X-Road instance and certificate
 * profile that signing certificate subjects must follow, validity per certificate type and the OCSP
 * URL written into the authority information access extension. Immutable.
 *
 * @param instance the X-Road instance whose members the CA certifies (signing subjects must name it)
 * @param signingProfile the class name of the X-Road certificate profile signing subjects follow, as
 *        shared parameters name it ({@code approvedCA/certificateProfileInfo})
 * @param ocspUrl the responder URL for the AIA extension; none means no AIA extension
 */
public record IssuingPolicy(String instance, String signingProfile, Duration authValidity, Duration signValidity,
        Duration tsaValidity, Optional<URI> ocspUrl) {

    /** X-Road's default profile (EJBCA): signing subject {@code C=instance, O=memberClass, CN=memberCode}. */
    public static final String EJBCA_PROFILE = "ee.ria.xroad.common.certificateprofile.impl.EjbcaCertificateProfileInfoProvider";

    public IssuingPolicy {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(ocspUrl, "ocspUrl");
        if (instance.isBlank()) {
            throw new IllegalArgumentException("instance must not be blank");
        }
        resolveProfile(signingProfile);
        requirePositive("authValidity", authValidity);
        requirePositive("signValidity", signValidity);
        requirePositive("tsaValidity", tsaValidity);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The policy with all defaults: instance {@code DEV}, EJBCA profile, two years for auth and sign, ten for the TSA. */
    public static IssuingPolicy defaults() {
        return builder().build();
    }

    /** The validity of a certificate of {@code type}. */
    public Duration validity(CertificateType type) {
        return switch (type) {
            case AUTH -> authValidity;
            case SIGN -> signValidity;
            case TSA -> tsaValidity;
        };
    }

    /** The certificate profile {@link #signingProfile()} names. */
    public CertificateProfile profile() {
        return resolveProfile(signingProfile);
    }

    /**
     * The profile with class name {@code name}, or with that simple class name or the simple name
     * without {@code CertificateProfileInfoProvider} ({@code Ejbca}, {@code Basic}, {@code FiVRK}).
     *
     * @throws XRoadException {@code InternalError} naming the profile when it is not known
     */
    static CertificateProfile resolveProfile(String name) {
        Objects.requireNonNull(name, "signingProfile");
        CertificateProfiles profiles = CertificateProfiles.standard();
        return profiles.byClassName(name).or(() -> profiles.classNames().stream()
                        .filter(c -> c.endsWith("." + name.strip()) || c.endsWith("." + name.strip()
                                + "CertificateProfileInfoProvider"))
                        .findFirst()
                        .flatMap(profiles::byClassName))
                .orElseThrow(() -> new XRoadException(ErrorCode.INTERNAL_ERROR,
                        "Unknown certificate profile '" + name + "'; known: " + profiles.classNames()));
    }

    private static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + d);
        }
    }

    /** Builds an {@link IssuingPolicy}. Not thread-safe. */
    public static final class Builder {
        private String instance = "DEV";
        private String signingProfile = EJBCA_PROFILE;
        private Duration authValidity = Duration.ofDays(730);
        private Duration signValidity = Duration.ofDays(730);
        private Duration tsaValidity = Duration.ofDays(3650);
        private Optional<URI> ocspUrl = Optional.empty();

        private Builder() {
        }

        public Builder instance(String instance) {
            this.instance = instance;
            return this;
        }

        /** The certificate profile class name (or short name, such as {@code Ejbca}). */
        public Builder signingProfile(String signingProfile) {
            this.signingProfile = signingProfile;
            return this;
        }

        public Builder authValidity(Duration validity) {
            this.authValidity = validity;
            return this;
        }

        public Builder signValidity(Duration validity) {
            this.signValidity = validity;
            return this;
        }

        public Builder tsaValidity(Duration validity) {
            this.tsaValidity = validity;
            return this;
        }

        public Builder ocspUrl(URI url) {
            this.ocspUrl = Optional.of(url);
            return this;
        }

        public IssuingPolicy build() {
            return new IssuingPolicy(instance, signingProfile, authValidity, signValidity, tsaValidity, ocspUrl);
        }
    }
}
