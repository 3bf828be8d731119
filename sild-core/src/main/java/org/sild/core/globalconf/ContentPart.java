package org.sild.core.globalconf;

import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * One entry of a verified configuration directory: which configuration part it is, where to
 * download it and the digest the downloaded file must have.
 *
 * <p>Immutable. {@code hash} is kept in base64 as published.
 */
public record ContentPart(
        Optional<String> contentIdentifier,
        Optional<String> instance,
        String contentLocation,
        Optional<String> contentFileName,
        DigestAlgorithm hashAlgorithm,
        String hash) {

    /** Content identifier of private parameters (internal configuration only). */
    public static final String PRIVATE_PARAMETERS = "PRIVATE-PARAMETERS";
    /** Content identifier of shared parameters (one per instance). */
    public static final String SHARED_PARAMETERS = "SHARED-PARAMETERS";
    /** Content identifier of the monitoring parameters (central monitoring client). */
    public static final String MONITORING = "MONITORING";
    /** Content identifier of the OCSP fetch interval part. */
    public static final String FETCH_INTERVAL = "FETCHINTERVAL";
    /** Content identifier of the OCSP nextUpdate verification part. */
    public static final String NEXT_UPDATE = "NEXTUPDATE";

    public ContentPart {
        Objects.requireNonNull(contentIdentifier);
        Objects.requireNonNull(instance);
        Objects.requireNonNull(contentLocation);
        Objects.requireNonNull(contentFileName);
        Objects.requireNonNull(hashAlgorithm);
        Objects.requireNonNull(hash);
    }

    /** Whether this part has content identifier {@code id}. */
    public boolean is(String id) {
        return contentIdentifier.filter(id::equals).isPresent();
    }

    /** The file name to store the part under: {@code Content-file-name}, else the last segment of the location. */
    public String fileName() {
        if (contentFileName.isPresent() && !contentFileName.get().isBlank()) {
            return contentFileName.get();
        }
        String path = contentLocation;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Whether {@code file} has the digest this entry lists. */
    public boolean matches(byte[] file) {
        byte[] expected = Certificates.decodeBase64(hash, ErrorCode.MALFORMED_GLOBAL_CONF, "hash of " + contentLocation);
        return MessageDigest.isEqual(expected, hashAlgorithm.digest(file));
    }

    /**
     * Checks a downloaded file against this entry.
     *
     * @throws XRoadException {@code GlobalConfPartDownloadedFileIntegrityFailure} when the digest differs
     */
    public void verify(byte[] file) {
        if (!matches(file)) {
            throw new XRoadException(ErrorCode.GLOBAL_CONF_PART_DOWNLOADED_FILE_INTEGRITY_FAILURE,
                    "the " + hashAlgorithm.jcaName() + " digest of the file downloaded from " + contentLocation
                            + " is " + hashAlgorithm.base64Digest(file) + ", the directory lists " + hash);
        }
    }
}
