package org.sild.core.asic;

import java.util.Arrays;
import java.util.Objects;

/**
 * A batch time-stamp as one message log record carries it: the RFC 3161 token, the
 * {@code HashChainResult} it stamps and this record's {@code HashChain} from that result down to its
 * signature (data reference {@code /META-INF/signatures.xml}).
 *
 * <p>In a container these are {@code META-INF/timestamp.tst}, {@code ts-hashchainresult.xml} and
 * {@code ts-hashchain.xml}. Immutable; the bytes are kept exactly as given.
 */
public record BatchTimeStamp(byte[] token, byte[] hashChainResult, byte[] hashChain) {

    public BatchTimeStamp {
        token = Objects.requireNonNull(token, "token").clone();
        hashChainResult = Objects.requireNonNull(hashChainResult, "hashChainResult").clone();
        hashChain = Objects.requireNonNull(hashChain, "hashChain").clone();
    }

    /** The DER {@code TimeStampToken}. */
    @Override
    public byte[] token() {
        return token.clone();
    }

    /** The UTF-8 {@code HashChainResult} XML the token stamps. */
    @Override
    public byte[] hashChainResult() {
        return hashChainResult.clone();
    }

    /** The UTF-8 {@code HashChain} XML leading to this record's signature. */
    @Override
    public byte[] hashChain() {
        return hashChain.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchTimeStamp b && Arrays.equals(token, b.token)
                && Arrays.equals(hashChainResult, b.hashChainResult) && Arrays.equals(hashChain, b.hashChain);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(token);
    }

    @Override
    public String toString() {
        return "BatchTimeStamp[token " + token.length + " bytes]";
    }
}
