/**
 * Evidence: ASiC-E containers of message log records, the linking of message log archives, and their
 * verification (digest 05 §3, §4, §6.1).
 *
 * <p>{@link org.sild.core.asic.AsicContainer} is one record's container (write in X-Road's exact layout,
 * read as tolerantly as X-Road), {@link org.sild.core.asic.BatchTimeStamp} its batch time-stamp,
 * {@link org.sild.core.asic.AsicNames} the container file names. {@link org.sild.core.asic.ArchiveLinking}
 * builds an archive's {@link org.sild.core.asic.LinkingInfo}; {@link org.sild.core.asic.ArchiveVerifier}
 * and {@link org.sild.core.asic.ArchiveChain} check it; {@link org.sild.core.asic.ArchiveFiles} names
 * archives.
 *
 * <p>Deviations from X-Road: archive names use UTC rather than the server's zone; a container with a
 * {@code META-INF/timestamp.tst} but no time-stamp hash chain (or the reverse) cannot be read into an
 * {@code AsicContainer} ({@code AsicHashChainResultNotFound} / {@code AsicTimestampNotFound}; the
 * verifier still examines such files and fails them as X-Road does); duplicate entry names and non-contiguous {@code attachmentN} numbering are
 * refused ({@code AsicInvalidContainer}).
 */
package org.sild.core.asic;
