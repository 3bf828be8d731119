package org.sild.testing;

import java.math.BigInteger;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

/**
 * What a {@link TestCa} should put into a certificate it issues: subject, key, validity and
 * extensions.
 *
 * <p>Absent values are filled in at issue time: the key comes from {@link TestKeys} under a label
 * derived from the subject (or the given label), of the issuing PKI's default key type; validity
 * runs from one hour before to 365 days after the issuing CA's clock. A spec is an immutable value;
 * build it with {@link #builder(X500Principal)}.
 */
public record CertSpec(
        X500Principal subject,
        Optional<KeyType> keyType,
        Optional<KeyPair> keyPair,
        Optional<String> keyLabel,
        Optional<Instant> notBefore,
        Optional<Instant> notAfter,
        Optional<Set<KeyUsage>> keyUsage,
        List<String> extendedKeyUsage,
        boolean extendedKeyUsageCritical,
        Optional<Integer> caPathLength,
        Optional<BigInteger> serialNumber) {

    /** id-kp-serverAuth. */
    public static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    /** id-kp-clientAuth. */
    public static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    /** id-kp-timeStamping. */
    public static final String TIME_STAMPING = "1.3.6.1.5.5.7.3.8";
    /** id-kp-OCSPSigning. */
    public static final String OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";

    public CertSpec {
        Objects.requireNonNull(subject, "subject");
        keyUsage = keyUsage.map(Set::copyOf);
        extendedKeyUsage = List.copyOf(extendedKeyUsage);
    }

    /** A builder for a certificate with {@code subject}; by default no extensions but the key identifiers. */
    public static Builder builder(X500Principal subject) {
        return new Builder(subject);
    }

    /** A builder starting from this spec, to derive a variant. */
    public Builder toBuilder() {
        var b = new Builder(subject);
        b.keyType = keyType;
        b.keyPair = keyPair;
        b.keyLabel = keyLabel;
        b.notBefore = notBefore;
        b.notAfter = notAfter;
        b.keyUsage = keyUsage;
        b.extendedKeyUsage.addAll(extendedKeyUsage);
        b.extendedKeyUsageCritical = extendedKeyUsageCritical;
        b.caPathLength = caPathLength;
        b.serialNumber = serialNumber;
        return b;
    }

    /** Builds a {@link CertSpec}. Not thread-safe. */
    public static final class Builder {
        private final X500Principal subject;
        private Optional<KeyType> keyType = Optional.empty();
        private Optional<KeyPair> keyPair = Optional.empty();
        private Optional<String> keyLabel = Optional.empty();
        private Optional<Instant> notBefore = Optional.empty();
        private Optional<Instant> notAfter = Optional.empty();
        private Optional<Set<KeyUsage>> keyUsage = Optional.empty();
        private final Set<String> extendedKeyUsage = new LinkedHashSet<>();
        private boolean extendedKeyUsageCritical;
        private Optional<Integer> caPathLength = Optional.empty();
        private Optional<BigInteger> serialNumber = Optional.empty();

        private Builder(X500Principal subject) {
            this.subject = Objects.requireNonNull(subject);
        }

        /** The type of the (cached) key to certify. */
        public Builder keyType(KeyType type) {
            this.keyType = Optional.of(type);
            return this;
        }

        /** Certifies exactly this key pair. */
        public Builder keyPair(KeyPair pair) {
            this.keyPair = Optional.of(pair);
            return this;
        }

        /** Certifies the cached key stored under {@code label} instead of the one derived from the subject. */
        public Builder keyLabel(String label) {
            this.keyLabel = Optional.of(label);
            return this;
        }

        /** Certifies a newly generated key that no other certificate has. */
        public Builder freshKey(KeyType type) {
            return keyPair(TestKeys.fresh(type));
        }

        /** Validity from {@code from} to {@code until}, both inclusive. */
        public Builder validity(Instant from, Instant until) {
            this.notBefore = Optional.of(from);
            this.notAfter = Optional.of(until);
            return this;
        }

        /** Sets notBefore only. */
        public Builder notBefore(Instant from) {
            this.notBefore = Optional.of(from);
            return this;
        }

        /** Sets notAfter only. */
        public Builder notAfter(Instant until) {
            this.notAfter = Optional.of(until);
            return this;
        }

        /** Valid for a year that ended a day before {@code now}. */
        public Builder expiredAt(Instant now) {
            return validity(now.minus(Duration.ofDays(366)), now.minus(Duration.ofDays(1)));
        }

        /** Valid for a year starting a day after {@code now}. */
        public Builder notYetValidAt(Instant now) {
            return validity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(366)));
        }

        /** A critical keyUsage extension with exactly these bits. */
        public Builder keyUsage(KeyUsage first, KeyUsage... rest) {
            this.keyUsage = Optional.of(EnumSet.of(first, rest));
            return this;
        }

        /** No keyUsage extension at all. */
        public Builder noKeyUsage() {
            this.keyUsage = Optional.empty();
            return this;
        }

        /** Adds extended key usages (dotted OIDs such as {@link #CLIENT_AUTH}). */
        public Builder extendedKeyUsage(String... oids) {
            extendedKeyUsage.addAll(List.of(oids));
            return this;
        }

        /** Removes all extended key usages. */
        public Builder noExtendedKeyUsage() {
            extendedKeyUsage.clear();
            return this;
        }

        /** Marks the extendedKeyUsage extension critical (as RFC 3161 requires for TSA certificates). */
        public Builder extendedKeyUsageCritical(boolean critical) {
            this.extendedKeyUsageCritical = critical;
            return this;
        }

        /** Makes this a CA certificate (basicConstraints cA=true, critical) with the given path length limit. */
        public Builder ca(int pathLength) {
            this.caPathLength = Optional.of(pathLength);
            return this;
        }

        /** A fixed serial number instead of a random one. */
        public Builder serialNumber(BigInteger serial) {
            this.serialNumber = Optional.of(serial);
            return this;
        }

        public CertSpec build() {
            return new CertSpec(subject, keyType, keyPair, keyLabel, notBefore, notAfter, keyUsage,
                    List.copyOf(extendedKeyUsage), extendedKeyUsageCritical, caPathLength, serialNumber);
        }
    }
}
