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
 *
 * <p>Beyond X-Road, {@link org.sild.core.asic.AsicVerifier} makes a changed byte fail where X-Road's procedure
 * leaves it unchecked (after that procedure passed, so X-Road's own results are kept): the manifests
 * ({@code ManifestCheck}: {@code META-INF/manifest.xml} lists the verified entries with X-Road's media types in
 * X-Road's layout, entry order free; {@code META-INF/ASiCManifest.xml} is exactly X-Road's for the batch
 * time-stamp, with the SHA-512 of {@code ts-hashchainresult.xml}) — {@code MalformedSignature}, or
 * {@code AsicManifestNotFound} when missing; the time-stamp token outside the TSA's signature
 * ({@code TokenCheck}: DER that re-encodes to itself, certificates byte-equal to trust base certificates or
 * signed by their issuer's key, no CRLs, one signer without unsigned attributes and with a known signature
 * algorithm, signer identifier byte-equal to the TSA certificate's issuer and serial, CMS versions and digest
 * algorithm set as prescribed) — {@code TimestampValidation}; the digests the signature hash chain states for
 * attachments, which the signature check takes from the files instead — {@code InvalidHashChainRef}; and the
 * prolog of the hash chain documents, parsed but never digested whole (only X-Road's XML declaration, no
 * processing instructions) — {@code MalformedSignature}.
 *
 * <p>Residue (bytes that can still change without failing, because the formats do not bind them and the
 * meaning is unchanged; {@code AsicRoundTripTest} changes every byte and pins this list): the unused low bits
 * of the last base64 character before {@code =} padding in unsigned base64 text (hash chain digests, signature
 * value, certificates); and in {@code signatures.xml} the unsigned XAdES parts X-Road never reads and that
 * carry no data of their own — {@code CompleteCertificateRefs} and the {@code Id}/{@code Target} attributes
 * outside {@code SignedInfo} and {@code SignedProperties} (the certificates in {@code CertificateValues} and
 * inside the OCSP responses are checked as copies: trust base certificates byte for byte, or signed by their
 * issuer; {@code CertValidation} otherwise). In one run of the round trip test one changed byte inside an OCSP
 * response's base64 text still passed (of about 2,300 in that container); not analysed yet. A line feed changed by one (to {@code 0x0B}) makes the XML ill-formed and fails; a space becomes
 * {@code '!'} and fails where it is significant.
 */
package org.sild.core.asic;
