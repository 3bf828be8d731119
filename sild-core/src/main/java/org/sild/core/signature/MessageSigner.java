package org.sild.core.signature;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.hashchain.Digest;
import org.sild.core.hashchain.HashChainBuilder;
import org.sild.core.hashchain.HashChainFiles;
import org.sild.core.hashchain.HashChains;

/**
 * Signs X-Road messages with X-Road's XAdES profile, one at a time or in batches.
 *
 * <p>A single message without attachments gets a signature that references {@code /message.xml}
 * directly. A message with attachments, and every message of a batch of two or more, is covered through
 * a hash chain: one signature over {@code /sig-hashchainresult.xml} for the whole batch, and one
 * {@code HashChain} per message (this is how a security server signs under load: one token operation for
 * many messages). Digests of references, certificates and hash chains use the signature algorithm's
 * digest (SHA-512 by default); attachment digests must have been computed with it.
 *
 * <p>Immutable and thread-safe if the {@link SigningKey} is. OCSP responses go stale: build a new signer
 * when they are refreshed.
 */
public final class MessageSigner {

    /** Most messages signed in one batch. */
    public static final int MAX_BATCH = 100_000;

    private final XadesWriter.Signer signer;
    private final Clock clock;

    private MessageSigner(Builder b) {
        this.signer = new XadesWriter.Signer(b.key, b.algorithm, b.certificate, b.extraCertificates,
                b.ocspResponses);
        this.clock = b.clock;
    }

    /** A builder; the signing key and the signing certificate are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The algorithm this signer signs with. */
    public SignatureAlgorithm algorithm() {
        return signer.algorithm();
    }

    /** Signs one message. */
    public SignatureData sign(MessageParts message) {
        return signBatch(List.of(message)).get(0);
    }

    /**
     * Signs a batch with one signature; the result has one entry per message, in order, each with the
     * shared signature and hash chain result and the message's own hash chain.
     */
    public List<SignatureData> signBatch(List<MessageParts> messages) {
        if (messages.isEmpty()) {
            throw new XRoadException(ErrorCode.CANNOT_CREATE_SIGNATURE, "nothing to sign: the batch is empty");
        }
        if (messages.size() > MAX_BATCH) {
            throw new XRoadException(ErrorCode.CANNOT_CREATE_SIGNATURE,
                    "batch of " + messages.size() + " messages exceeds " + MAX_BATCH);
        }
        if (messages.size() == 1 && !messages.get(0).hasAttachments()) {
            byte[] xml = XadesWriter.write(signer, HashChainFiles.MESSAGE, messages.get(0).message(),
                    Xades.MIME_TEXT_XML, clock.instant());
            return List.of(SignatureData.of(xml));
        }
        DigestAlgorithm digest = signer.algorithm().digest();
        var builder = new HashChainBuilder(digest);
        for (MessageParts m : messages) {
            var parts = new ArrayList<Digest>(1 + m.attachments().size());
            parts.add(Digest.of(digest, m.message()));
            for (Digest attachment : m.attachments()) {
                if (attachment.algorithm() != digest) {
                    throw new XRoadException(ErrorCode.CANNOT_CREATE_SIGNATURE, "attachment digest " + attachment
                            + " is not " + digest.jcaName() + ", the signature's digest");
                }
                parts.add(attachment);
            }
            builder.addParts(parts);
        }
        HashChains chains = builder.build(HashChainFiles.SIGNATURE);
        byte[] result = chains.resultXml();
        byte[] xml = XadesWriter.write(signer, HashChainFiles.SIGNATURE.resultName(), result,
                Xades.MIME_HASH_CHAIN_RESULT, clock.instant());
        var out = new ArrayList<SignatureData>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            out.add(SignatureData.batch(xml, result, chains.chainXml(i)));
        }
        return List.copyOf(out);
    }

    /** Collects the signer's key, certificates, OCSP responses, algorithm and clock. */
    public static final class Builder {
        private SigningKey key;
        private X509Certificate certificate;
        private List<X509Certificate> extraCertificates = List.of();
        private List<byte[]> ocspResponses = List.of();
        private Optional<SignatureAlgorithm> explicitAlgorithm = Optional.empty();
        private DigestAlgorithm digest = DigestAlgorithm.SHA512;
        private SignatureAlgorithm algorithm;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The signing function (required). */
        public Builder signingKey(SigningKey key) {
            this.key = Objects.requireNonNull(key, "key");
            return this;
        }

        /** The signing certificate, put into {@code KeyInfo} and {@code SigningCertificate} (required). */
        public Builder certificate(X509Certificate certificate) {
            this.certificate = Objects.requireNonNull(certificate, "certificate");
            return this;
        }

        /** Intermediate CA certificates, carried in {@code CertificateValues}. */
        public Builder extraCertificates(List<X509Certificate> certificates) {
            this.extraCertificates = List.copyOf(certificates);
            return this;
        }

        /**
         * DER OCSP responses for the signing certificate (and intermediates), carried in
         * {@code RevocationValues}. X-Road verifiers refuse signatures without them.
         */
        public Builder ocspResponses(List<byte[]> responses) {
            var copies = new ArrayList<byte[]>(responses.size());
            responses.forEach(r -> copies.add(r.clone()));
            this.ocspResponses = List.copyOf(copies);
            return this;
        }

        /** The digest (default SHA-512), with X-Road's default algorithm for the key: PKCS#1 v1.5 or ECDSA. */
        public Builder digest(DigestAlgorithm digest) {
            this.digest = Objects.requireNonNull(digest, "digest");
            return this;
        }

        /** An explicit signature algorithm (for example RSA-PSS); overrides {@link #digest}. */
        public Builder signatureAlgorithm(SignatureAlgorithm algorithm) {
            this.explicitAlgorithm = Optional.of(algorithm);
            return this;
        }

        /** The clock of {@code SigningTime} (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public MessageSigner build() {
            Objects.requireNonNull(key, "signingKey is required");
            Objects.requireNonNull(certificate, "certificate is required");
            algorithm = explicitAlgorithm.orElseGet(() -> SignatureAlgorithm.forKey(key.keyAlgorithm(), digest));
            String certKey = SignatureAlgorithm.normalizeKeyAlgorithm(certificate.getPublicKey().getAlgorithm());
            if (!algorithm.keyAlgorithm().equals(key.keyAlgorithm()) || !algorithm.keyAlgorithm().equals(certKey)) {
                throw new XRoadException(ErrorCode.UNSUPPORTED_SIGN_ALGORITHM, "signature algorithm "
                        + algorithm.uri() + " does not fit a " + key.keyAlgorithm() + " key with a " + certKey
                        + " certificate");
            }
            return new MessageSigner(this);
        }
    }
}
