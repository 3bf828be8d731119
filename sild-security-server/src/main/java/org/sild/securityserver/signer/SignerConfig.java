package org.sild.securityserver.signer;

import java.time.Duration;
import java.util.Objects;
import org.sild.core.signature.MessageSigner;
import org.sild.runtime.config.ConfigException;

/**
 * The signer's settings, bound from the security server's YAML ({@code signer:} section) or built in
 * code.
 *
 * @param pin                         the software token's PIN (required: an empty PIN cannot open the
 *                                    token); never printed
 * @param maxBatchSize                most messages signed with one private-key operation, 1..100000
 *                                    (default 128; 1 switches batching off)
 * @param ocspRetryDelay              how soon OCSP fetching is retried after a failure (default 30 s, at least 1 s)
 * @param ocspTimeout                 how long one OCSP request may take (default 30 s)
 */
public record SignerConfig(String pin, int maxBatchSize, Duration ocspRetryDelay, Duration ocspTimeout) {

    public SignerConfig {
        Objects.requireNonNull(pin, "pin");
        ConfigException.checkRange("max-batch-size", maxBatchSize, 1, MessageSigner.MAX_BATCH);
        ConfigException.check(ocspRetryDelay.compareTo(Duration.ofSeconds(1)) >= 0, "ocsp-retry-delay",
                "must be at least 1s, was " + ocspRetryDelay);
        ConfigException.check(!ocspTimeout.isNegative() && !ocspTimeout.isZero(), "ocsp-timeout",
                "must be positive, was " + ocspTimeout);
    }

    /** The defaults, with an empty PIN that the configuration must replace. */
    public static SignerConfig defaults() {
        return new SignerConfig("", TokenSigner.DEFAULT_MAX_BATCH, Duration.ofSeconds(30),
                JettyOcspTransport.DEFAULT_TIMEOUT);
    }

    /** The defaults with {@code pin}. */
    public static SignerConfig withPin(String pin) {
        var d = defaults();
        return new SignerConfig(pin, d.maxBatchSize(), d.ocspRetryDelay(), d.ocspTimeout());
    }

    @Override
    public String toString() {
        return "SignerConfig[pin=" + (pin.isEmpty() ? "<empty>" : "****") + ", maxBatchSize=" + maxBatchSize
                + ", ocspRetryDelay=" + ocspRetryDelay + ", ocspTimeout=" + ocspTimeout + "]";
    }
}
