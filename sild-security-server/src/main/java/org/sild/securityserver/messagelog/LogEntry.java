package org.sild.securityserver.messagelog;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A record as the message log store holds it: the logged message with its store id and the state
 * that time-stamping and archiving add later.
 *
 * @param id the store's id (ascending in insertion order on one store)
 * @param record the message as appended; its time is kept to the millisecond. After a single
 *        time-stamp its signature carries the token ({@code xades:SignatureTimeStamp})
 * @param signatureHash base64 SHA-512 of the signature XML: the leaf a batch time-stamp covers
 * @param timestampRecord the time-stamp that covers it ({@link StoreMessageLog#findTimestamp}), once time-stamped
 * @param timestampHashChain for a batch time-stamp, this record's {@code HashChain} document
 *        ({@code ts-hashchain.xml}) from the time-stamp's hash chain result down to its signature
 * @param archived whether it has been written to an archive
 */
public record LogEntry(long id, LogRecord record, String signatureHash, Optional<Long> timestampRecord,
        Optional<byte[]> timestampHashChain, boolean archived) {

    public LogEntry {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(signatureHash, "signatureHash");
        Objects.requireNonNull(timestampRecord, "timestampRecord");
        timestampHashChain = timestampHashChain.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> timestampHashChain() {
        return timestampHashChain.map(byte[]::clone);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogEntry e && id == e.id && record.equals(e.record) && signatureHash.equals(e.signatureHash)
                && timestampRecord.equals(e.timestampRecord) && archived == e.archived
                && Arrays.equals(timestampHashChain.orElse(null), e.timestampHashChain.orElse(null));
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, record, signatureHash, timestampRecord, archived);
    }

    @Override
    public String toString() {
        return "LogEntry[" + id + " " + record + (timestampRecord.map(t -> " stamped by " + t).orElse(" pending"))
                + (archived ? " archived" : "") + "]";
    }
}
