package org.sild.securityserver.messagelog;

import java.util.Objects;
import org.sild.runtime.store.SqlConsumer;
import org.sild.runtime.store.Store;

/**
 * Rows that belong with a log record, written by another part of the server (the Data Tracker's
 * usage records): a {@link StoreMessageLog} in the same store writes them in the record's
 * transaction, so both are stored or neither, at the cost of one commit.
 *
 * @param store the store the rows go to
 * @param work  the inserts, on the transaction's connection
 */
public record LinkedWrite(Store store, SqlConsumer work) {

    public LinkedWrite {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(work, "work");
    }

    /** Writes the rows in a transaction of their own. */
    public void runAlone() {
        store.runInTransaction(work);
    }
}
