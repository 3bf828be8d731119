package org.sild.securityserver.messagelog;

import java.util.Objects;
import java.util.Optional;
import org.sild.core.asic.AsicContainer;
import org.sild.core.asic.AsicNames;

/**
 * A message log record as evidence: the record and, once it is time-stamped, its ASiC-E container
 * (digest 05 §3): the message and signature as logged, the single time-stamp inside the signature or
 * the batch time-stamp with the record's hash chain, the REST body as {@code attachment1}.
 *
 * @param recordId the record's store id
 * @param record the record as logged
 * @param container the container; empty while the record is not time-stamped
 */
public record SignedDocument(long recordId, LogRecord record, Optional<AsicContainer> container) {

    public SignedDocument {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(container, "container");
    }

    /** Whether the record is time-stamped (and so has a container). */
    public boolean isTimeStamped() {
        return container.isPresent();
    }

    /** The container's file name, {@code {queryId}-{request|response}-{id in base 32}.asice}. */
    public String name() {
        return AsicNames.containerName(record.queryId(), record.response(), recordId);
    }
}
