package org.sild.securityserver.messagelog;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A time-stamp of the message log (X-Road DM-ML's time-stamp record): the token and, for a batch
 * time-stamp, the hash chain result it covers. Immutable: the bytes are copied in and out.
 *
 * @param id the store's id, which message records point at ({@link LogEntry#timestampRecord})
 * @param time when the time-stamp was stored
 * @param token the DER {@code TimeStampToken} with the TSA certificate in its certificate set
 * @param hashChainResult the {@code HashChainResult} document ({@code ts-hashchainresult.xml}) the token's
 *        imprint covers, for a batch time-stamp; empty for a single one (then the token is also embedded
 *        in the record's signature)
 * @param archived whether it has been archived
 */
public record TimestampRecord(long id, Instant time, byte[] token, Optional<byte[]> hashChainResult,
        boolean archived) {

    public TimestampRecord {
        Objects.requireNonNull(time, "time");
        token = token.clone();
        hashChainResult = hashChainResult.map(byte[]::clone);
    }

    @Override
    public byte[] token() {
        return token.clone();
    }

    @Override
    public Optional<byte[]> hashChainResult() {
        return hashChainResult.map(byte[]::clone);
    }

    /** Whether this is a batch time-stamp (over a hash chain result). */
    public boolean isBatch() {
        return hashChainResult.isPresent();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimestampRecord t && id == t.id && time.equals(t.time)
                && java.util.Arrays.equals(token, t.token) && archived == t.archived
                && java.util.Arrays.equals(hashChainResult.orElse(null), t.hashChainResult.orElse(null));
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, time, java.util.Arrays.hashCode(token));
    }

    @Override
    public String toString() {
        return "TimestampRecord[" + id + (isBatch() ? " batch" : " single") + " at " + time + "]";
    }
}
