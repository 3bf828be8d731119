package org.sild.securityserver.messagelog;

/**
 * The message log: every signed request and response is written here before it is forwarded
 * ("no evidence, no exchange").
 *
 * <p>Thread-safe. {@link #append} returns only once the record is durable.
 */
public interface MessageLog {

    /**
     * Stores {@code record} durably.
     *
     * @throws org.sild.core.fault.XRoadException {@code LoggingFailed} when it cannot be stored; the
     *         caller must then fail the exchange and forward nothing
     */
    void append(LogRecord record);

    /**
     * Stores {@code record} and the rows of {@code linked} durably: in one transaction when the log is
     * in {@code linked}'s store, else one after the other (this default).
     *
     * @throws org.sild.core.fault.XRoadException {@code LoggingFailed} as {@link #append(LogRecord)}; a
     *         failure of the linked rows fails the exchange too
     */
    default void append(LogRecord record, LinkedWrite linked) {
        append(record);
        linked.runAlone();
    }
}
