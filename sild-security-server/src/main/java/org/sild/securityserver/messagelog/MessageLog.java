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
}
