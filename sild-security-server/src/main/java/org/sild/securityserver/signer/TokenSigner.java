package org.sild.securityserver.signer;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.signature.MessageParts;
import org.sild.core.signature.MessageSigner;
import org.sild.core.signature.SignatureData;
import org.sild.core.signature.SigningKey;

/**
 * The {@link Signer} over a {@link Token}: signs with the sender member's signing key, embedding the
 * signing certificate's CA certificates and OCSP responses from {@link OwnOcspResponses}, and
 * batches concurrent signatures per signing certificate (see {@link BatchQueue}: one private-key
 * operation over a hash tree for everything that queued up while the previous signature was being
 * made; an idle signer signs a message alone at once).
 *
 * <p>A signing certificate is used only while it is within its validity period and a verified, fresh
 * OCSP response with status good exists for it and its CA certificates; otherwise signing fails with
 * {@code CannotCreateSignature} naming why. Among several usable certificates of a member the one
 * issued last (latest notBefore) signs.
 *
 * <p>Thread-safe; {@link #sign} blocks the calling (virtual) thread. Holds no resources of its own:
 * the token and the OCSP responses are closed by whoever created them.
 */
public final class TokenSigner implements Signer {

    /** Timer of signing batches, one private-key operation each. */
    public static final String BATCHES = "sild.signer.batches";
    /** Distribution of the number of messages per batch. */
    public static final String BATCH_SIZE = "sild.signer.batch.size";

    /** Default most messages in one batch. */
    public static final int DEFAULT_MAX_BATCH = 128;

    private final Token token;
    private final OwnOcspResponses ocsp;
    private final Clock clock;
    private final int maxBatch;
    private final DigestAlgorithm digest;
    private final Timer batches;
    private final DistributionSummary batchSizes;
    private final Map<X509Certificate, BatchQueue<Credentials>> queues = new ConcurrentHashMap<>();

    /** What one signature is made with. */
    record Credentials(String keyId, SigningKey key, X509Certificate certificate, List<X509Certificate> caCertificates,
                       List<byte[]> ocspResponses) {
    }

    private TokenSigner(Builder b) {
        this.token = b.token;
        this.ocsp = b.ocsp;
        this.clock = b.clock;
        this.maxBatch = b.maxBatch;
        this.digest = b.digest;
        this.batches = Timer.builder(BATCHES).description("signing batches (one private-key operation each)")
                .register(b.metrics);
        this.batchSizes = DistributionSummary.builder(BATCH_SIZE).description("messages per signing batch")
                .register(b.metrics);
    }

    /** A builder; the token and the OCSP responses are required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public SignatureData sign(ClientId sender, MessageParts parts) {
        Credentials credentials = credentials(sender.member(), clock.instant());
        return queues.computeIfAbsent(credentials.certificate(), c -> new BatchQueue<>(maxBatch, this::signBatch))
                .sign(parts, credentials);
    }

    @Override
    public AuthKey authKey() {
        AuthChoice choice = authChoice(clock.instant());
        return new AuthKey(token.privateKey(choice.key().id()),
                choice.evidence().map(OwnOcspResponses.Evidence::path).orElse(choice.key().chain()));
    }

    @Override
    public List<byte[]> authOcspResponses() {
        AuthChoice choice = authChoice(clock.instant());
        return choice.evidence().orElseThrow(() -> new XRoadException(ErrorCode.CERT_VALIDATION,
                "the authentication certificate cannot be used: " + choice.why())).ocspResponses();
    }

    /** The most messages signed together. */
    public int maxBatchSize() {
        return maxBatch;
    }

    private List<SignatureData> signBatch(List<MessageParts> messages, Credentials c) {
        batchSizes.record(messages.size());
        return batches.record(() -> MessageSigner.builder()
                .signingKey(c.key())
                .certificate(c.certificate())
                .extraCertificates(c.caCertificates())
                .ocspResponses(c.ocspResponses())
                .digest(digest)
                .clock(clock)
                .build()
                .signBatch(messages));
    }

    /** The credentials of {@code member}'s newest usable signing certificate. */
    private Credentials credentials(MemberId member, Instant now) {
        List<TokenKey> keys;
        try {
            keys = token.keys().stream().filter(k -> k.isSigningKeyOf(member) && k.certificate().isPresent())
                    .sorted(newestFirst()).toList();
        } catch (XRoadException e) {
            throw cannotSign(member, e.getMessage());
        }
        if (keys.isEmpty()) {
            throw cannotSign(member, "token " + token.id() + " has no signing key with a certificate for it");
        }
        var problems = new ArrayList<String>();
        for (TokenKey key : keys) {
            X509Certificate certificate = key.certificate().orElseThrow();
            Optional<String> invalid = invalidAt(certificate, now);
            if (invalid.isPresent()) {
                problems.add(invalid.get());
                continue;
            }
            try {
                OwnOcspResponses.Evidence evidence = ocsp.evidence(certificate, now);
                return new Credentials(key.id(), token.signingKey(key.id()), certificate,
                        evidence.path().subList(1, evidence.path().size()), evidence.ocspResponses());
            } catch (XRoadException e) {
                problems.add(e.getMessage());
            }
        }
        throw cannotSign(member, String.join("; ", problems));
    }

    /** The authentication key to use: valid, preferring one with fresh OCSP responses, newest first. */
    private record AuthChoice(TokenKey key, Optional<OwnOcspResponses.Evidence> evidence, String why) {
    }

    private AuthChoice authChoice(Instant now) {
        List<TokenKey> keys = token.keys().stream()
                .filter(k -> k.purpose() == KeyPurpose.AUTHENTICATION && k.certificate().isPresent())
                .filter(k -> invalidAt(k.certificate().get(), now).isEmpty())
                .sorted(newestFirst()).toList();
        if (keys.isEmpty()) {
            throw new XRoadException(ErrorCode.KEY_NOT_FOUND,
                    "token " + token.id() + " has no authentication key with a valid certificate");
        }
        var problems = new ArrayList<String>();
        for (TokenKey key : keys) {
            try {
                return new AuthChoice(key, Optional.of(ocsp.evidence(key.certificate().get(), now)), "");
            } catch (XRoadException e) {
                problems.add(e.getMessage());
            }
        }
        return new AuthChoice(keys.get(0), Optional.empty(), String.join("; ", problems));
    }

    private static Comparator<TokenKey> newestFirst() {
        return Comparator.comparing((TokenKey k) -> k.certificate().orElseThrow().getNotBefore()).reversed();
    }

    private static Optional<String> invalidAt(X509Certificate certificate, Instant now) {
        try {
            certificate.checkValidity(Date.from(now));
            return Optional.empty();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            return Optional.of("certificate " + KeyCertificates.name(certificate) + " is not valid at " + now
                    + " (valid " + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant()
                    + ")");
        }
    }

    private static XRoadException cannotSign(MemberId member, String why) {
        return new XRoadException(ErrorCode.CANNOT_CREATE_SIGNATURE, member + " cannot sign: " + why);
    }

    /** Collects the signer's collaborators and settings. Not thread-safe. */
    public static final class Builder {
        private Token token;
        private OwnOcspResponses ocsp;
        private Clock clock = Clock.systemUTC();
        private int maxBatch = DEFAULT_MAX_BATCH;
        private DigestAlgorithm digest = DigestAlgorithm.SHA512;
        private MeterRegistry metrics = new CompositeMeterRegistry();

        private Builder() {
        }

        /** Where the batch metrics ({@value TokenSigner#BATCHES}, {@value TokenSigner#BATCH_SIZE}) go (default: nowhere). */
        public Builder metrics(MeterRegistry registry) {
            this.metrics = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** The token holding the keys (required). */
        public Builder token(Token token) {
            this.token = Objects.requireNonNull(token, "token");
            return this;
        }

        /** The OCSP responses of the token's certificates (required). */
        public Builder ocsp(OwnOcspResponses ocsp) {
            this.ocsp = Objects.requireNonNull(ocsp, "ocsp");
            return this;
        }

        /** The clock of signing times and validity checks (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The most messages signed in one batch (default {@value #DEFAULT_MAX_BATCH}; 1 disables batching). */
        public Builder maxBatchSize(int max) {
            if (max < 1 || max > MessageSigner.MAX_BATCH) {
                throw new IllegalArgumentException("batch size " + max + " is not between 1 and " + MessageSigner.MAX_BATCH);
            }
            this.maxBatch = max;
            return this;
        }

        /** The signature digest (default SHA-512, as X-Road); attachments must be hashed with it. */
        public Builder digest(DigestAlgorithm digest) {
            this.digest = Objects.requireNonNull(digest, "digest");
            return this;
        }

        public TokenSigner build() {
            Objects.requireNonNull(token, "token is required");
            Objects.requireNonNull(ocsp, "ocsp is required");
            return new TokenSigner(this);
        }
    }
}
