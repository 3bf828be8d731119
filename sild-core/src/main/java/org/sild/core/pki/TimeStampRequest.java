package org.sild.core.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * An RFC 3161 time-stamp request ({@code TimeStampReq}) and what went into it, to check the
 * response against. Sent to a TSA by {@code POST} with {@code Content-Type: application/timestamp-query}.
 *
 * <p>Defaults: imprint algorithm SHA-512 (X-Road's {@code message-log.hash-algo-id} default), no
 * nonce, certReq true, no policy. X-Road itself sends no nonce and does not set certReq; it adds the
 * TSA certificate to the token itself, so certReq true only saves that step. Immutable.
 */
public final class TimeStampRequest {

    private final byte[] encoded;
    private final DigestAlgorithm digestAlgorithm;
    private final byte[] imprint;
    private final Optional<BigInteger> nonce;
    private final boolean certReq;
    private final Optional<String> policy;

    private TimeStampRequest(Builder b, byte[] imprint) {
        this.digestAlgorithm = b.digestAlgorithm;
        this.imprint = imprint;
        this.nonce = b.nonce;
        this.certReq = b.certReq;
        this.policy = b.policy;
        var generator = new TimeStampRequestGenerator();
        generator.setCertReq(certReq);
        policy.ifPresent(p -> generator.setReqPolicy(new ASN1ObjectIdentifier(p)));
        var oid = new ASN1ObjectIdentifier(digestAlgorithm.oid());
        var request = nonce.isPresent()
                ? generator.generate(oid, imprint, nonce.get())
                : generator.generate(oid, imprint);
        try {
            this.encoded = request.getEncoded();
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "Cannot encode time-stamp request", e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The DER {@code TimeStampReq}. */
    public byte[] encoded() {
        return encoded.clone();
    }

    public DigestAlgorithm digestAlgorithm() {
        return digestAlgorithm;
    }

    /** The message imprint (the digest of the time-stamped data). */
    public byte[] imprint() {
        return imprint.clone();
    }

    public Optional<BigInteger> nonce() {
        return nonce;
    }

    public boolean certReq() {
        return certReq;
    }

    /** The requested TSA policy OID, if any. */
    public Optional<String> policy() {
        return policy;
    }

    /** Builds a {@link TimeStampRequest}. Not thread-safe. */
    public static final class Builder {
        private DigestAlgorithm digestAlgorithm = DigestAlgorithm.SHA512;
        private Optional<byte[]> data = Optional.empty();
        private Optional<byte[]> imprint = Optional.empty();
        private Optional<BigInteger> nonce = Optional.empty();
        private boolean certReq = true;
        private Optional<String> policy = Optional.empty();

        private Builder() {
        }

        /** The imprint algorithm (default SHA-512). */
        public Builder digestAlgorithm(DigestAlgorithm algorithm) {
            this.digestAlgorithm = Objects.requireNonNull(algorithm);
            return this;
        }

        /** The data to time-stamp; its digest becomes the imprint. */
        public Builder data(byte[] data) {
            this.data = Optional.of(data.clone());
            this.imprint = Optional.empty();
            return this;
        }

        /** The imprint itself, already a digest made with the builder's algorithm. */
        public Builder imprint(byte[] digest) {
            this.imprint = Optional.of(digest.clone());
            this.data = Optional.empty();
            return this;
        }

        public Builder nonce(BigInteger nonce) {
            this.nonce = Optional.of(nonce);
            return this;
        }

        /** A random 64-bit positive nonce from {@code random}. */
        public Builder randomNonce(SecureRandom random) {
            return nonce(new BigInteger(63, random));
        }

        /** Whether the TSA should include its certificate (default true). */
        public Builder certReq(boolean certReq) {
            this.certReq = certReq;
            return this;
        }

        /** A requested TSA policy OID. */
        public Builder policy(String oid) {
            this.policy = Optional.of(oid);
            return this;
        }

        /**
         * @throws IllegalStateException when neither data nor imprint was given, or the imprint has the
         *         wrong length for the algorithm
         */
        public TimeStampRequest build() {
            byte[] digest = imprint.orElseGet(() -> digestAlgorithm.digest(
                    data.orElseThrow(() -> new IllegalStateException("no data or imprint to time-stamp"))));
            if (digest.length != digestAlgorithm.newDigest().getDigestLength()) {
                throw new IllegalStateException("a " + digestAlgorithm.jcaName() + " imprint has "
                        + digestAlgorithm.newDigest().getDigestLength() + " bytes, not " + digest.length);
            }
            return new TimeStampRequest(this, digest);
        }
    }
}
