/**
 * The message log: every signed request and response, written before it is forwarded ("no
 * evidence, no exchange").
 *
 * <p>{@link org.sild.securityserver.messagelog.MessageLog} is the proxies' contract;
 * {@link org.sild.securityserver.messagelog.StoreMessageLog} keeps records in the store's
 * {@code message_log} table (migrations in {@code db/securityserver}), after X-Road's DM-ML: message
 * and REST body as bytes, signature with hash chain parts, ids, both parties, time, and the
 * signature hash, time-stamp reference and archived flag that time-stamping and archiving use.
 *
 * <p>Decisions. Appends are group-committed: concurrent exchanges share a transaction, and each
 * returns only after its commit. Unlike X-Road, which keeps only the local party's identifier, a
 * record keeps the client (DM-ML's member class, code and subsystem columns) and the whole service
 * identifier, so no "which side" flag is needed to find it. Bytes are stored exactly as signed
 * (X-Road stores text). Times are kept to the millisecond, as in X-Road.
 */
package org.sild.securityserver.messagelog;
