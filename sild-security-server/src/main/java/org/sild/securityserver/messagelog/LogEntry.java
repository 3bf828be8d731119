package org.sild.securityserver.messagelog;

import java.util.Objects;
import java.util.Optional;

/**
 * A record as the message log store holds it: the logged message with its store id and the state
 * that time-stamping and archiving add later.
 *
 * @param id the store's id (ascending in insertion order on one store)
 * @param record the message as appended; its time is kept to the millisecond
 * @param signatureHash base64 SHA-512 of the signature XML: the leaf a batch time-stamp covers
 * @param timestampRecord the time-stamp that covers it, once time-stamped
 * @param archived whether it has been written to an archive
 */
public record LogEntry(long id, LogRecord record, String signatureHash, Optional<Long> timestampRecord,
        boolean archived) {

    public LogEntry {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(signatureHash, "signatureHash");
        Objects.requireNonNull(timestampRecord, "timestampRecord");
    }
}
