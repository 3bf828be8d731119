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
 * <p>{@link org.sild.securityserver.messagelog.Timestamper} time-stamps the records (digest 05 §2):
 * periodically, a single time-stamp for one pending record (embedded in its signature) or a batch
 * time-stamp over a hash chain for several (table {@code message_log_timestamp}, each record's chain in
 * {@code message_log.timestamp_hash_chain}), from the approved TSAs in order; with
 * {@code timestampImmediately} while the record is logged. It holds the failure policy that
 * {@code StoreMessageLog.append} applies: past the acceptable failure period, or without any TSA,
 * new records are refused ({@code LoggingFailed.TimestamperFailed}, X-Road's code) before anything is
 * stored. Scheduled jobs lock their {@code job_lock} row for their transaction so nodes sharing the
 * store take turns.
 *
 * <p>{@link org.sild.securityserver.messagelog.LogArchiver} writes time-stamped records as ASiC-E
 * containers into linked {@code mlog-*.zip} archives (digest 05 §6; atomically: temporary file, fsync,
 * rename to a pending name, the commit that marks the records, then the final name), {@link org.sild.securityserver.messagelog.LogCleaner}
 * deletes archived records past the retention period, and
 * {@link org.sild.securityserver.messagelog.ArchiveSchedule} runs both.
 * {@link org.sild.securityserver.messagelog.EvidenceQuery} finds a client's
 * {@link org.sild.securityserver.messagelog.SignedDocument}s for the {@code /asic} download, and
 * {@link org.sild.securityserver.messagelog.BodyLogging} keeps only the metadata of messages whose
 * provider is configured so (digest 05 §1.2).
 *
 * <p>Decisions. Appends are group-committed: concurrent exchanges share a transaction, and each
 * returns only after its commit. Unlike X-Road, which keeps only the local party's identifier, a
 * record keeps the client (DM-ML's member class, code and subsystem columns) and the whole service
 * identifier, so no "which side" flag is needed to find it. Bytes are stored exactly as signed
 * (X-Road stores text). Times are kept to the millisecond, as in X-Road. After a restart the
 * time-stamper takes the oldest pending record's time as the start of a failure streak that its first
 * run finds, so a long outage is not forgotten by restarting. Archive file names use the first and
 * last record's time (X-Road: the archiving time), so a name says which records a file holds; a record's archive group is its local party (the client if
 * hosted here, else the provider), which X-Road stores as the record's only party.
 */
package org.sild.securityserver.messagelog;
