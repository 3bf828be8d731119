package org.sild.core.globalconf;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * Reads the directory inside the signed part, after its signature has been verified: the
 * header-only first entry ({@code Expire-date}, {@code Version}) and one entry per configuration part.
 */
final class DirectoryEntries {

    static final String EXPIRE_DATE = "Expire-date";
    static final String VERSION = "Version";
    static final String CONTENT_TYPE = "Content-type";
    static final String TRANSFER_ENCODING = "Content-transfer-encoding";
    static final String CONTENT_IDENTIFIER = "Content-identifier";
    static final String CONTENT_LOCATION = "Content-location";
    static final String CONTENT_FILE_NAME = "Content-file-name";
    static final String HASH_ALGORITHM_ID = "Hash-algorithm-id";
    static final String OCTET_STREAM = "application/octet-stream";
    static final String BASE64 = "base64";

    /** What the signed bytes say, before the expiry is compared with a clock. */
    record Contents(Instant expireDate, Optional<Integer> version, List<ContentPart> parts) {
    }

    private DirectoryEntries() {
    }

    static Contents read(byte[] signed, MimeHeaders signedPartHeaders) {
        String type = signedPartHeaders.get("Content-Type").orElseThrow(
                () -> missing("Content-Type", "the signed part of the directory"));
        String boundary = SignedDirectory.boundaryOf(type, "Content-Type of the signed part");
        var parts = MultipartScanner.split(signed, 0, signed.length, boundary).parts();
        if (parts.isEmpty()) {
            throw missing(EXPIRE_DATE, "the directory (it has no entries)");
        }
        MimeHeaders first = parts.get(0).headers();
        Instant expireDate = parseDate(first.get(EXPIRE_DATE).filter(v -> !v.isBlank())
                .orElseThrow(() -> missing(EXPIRE_DATE, "the first entry of the directory")));
        Optional<Integer> version = first.get(VERSION).map(DirectoryEntries::parseVersion);
        List<ContentPart> entries = new ArrayList<>();
        for (var part : parts.subList(1, parts.size())) {
            String body = new String(signed, part.bodyStart(), part.bodyEnd() - part.bodyStart(),
                    StandardCharsets.US_ASCII);
            entries.add(entry(part.headers(), body));
        }
        return new Contents(expireDate, version, entries);
    }

    private static ContentPart entry(MimeHeaders h, String body) {
        String location = require(h, CONTENT_LOCATION);
        String what = "directory entry " + location;
        requireValue(h, CONTENT_TYPE, OCTET_STREAM, what);
        requireValue(h, TRANSFER_ENCODING, BASE64, what);
        String algorithmUri = require(h, HASH_ALGORITHM_ID);
        DigestAlgorithm algorithm = DigestAlgorithm.byUri(algorithmUri).orElseThrow(() -> new XRoadException(
                ErrorCode.MALFORMED_GLOBAL_CONF, what + " uses unsupported Hash-algorithm-id " + algorithmUri));
        Optional<String> identifier = Optional.empty();
        Optional<String> instance = Optional.empty();
        var idValue = h.value(CONTENT_IDENTIFIER).filter(v -> !v.main().isEmpty());
        if (idValue.isPresent()) {
            identifier = Optional.of(idValue.get().main());
            instance = idValue.get().parameter("instance").filter(v -> !v.isBlank());
            boolean needsInstance = identifier.get().equals(ContentPart.PRIVATE_PARAMETERS)
                    || identifier.get().equals(ContentPart.SHARED_PARAMETERS);
            if (needsInstance && instance.isEmpty()) {
                throw new XRoadException(ErrorCode.GLOBAL_CONF_HEADER_FIELD_MISSING,
                        what + ": Content-identifier " + identifier.get() + " has no instance parameter");
            }
        }
        String hash = body.strip();
        if (hash.isEmpty()) {
            throw new XRoadException(ErrorCode.MALFORMED_GLOBAL_CONF, what + " has no hash");
        }
        Certificates.decodeBase64(hash, ErrorCode.MALFORMED_GLOBAL_CONF, "hash of " + what);
        Optional<String> fileName = h.get(CONTENT_FILE_NAME).filter(v -> !v.isBlank());
        return new ContentPart(identifier, instance, location, fileName, algorithm, hash);
    }

    static String require(MimeHeaders h, String name) {
        return h.get(name).filter(v -> !v.isBlank()).orElseThrow(() -> missing(name, "a directory entry"));
    }

    static void requireValue(MimeHeaders h, String name, String expected, String what) {
        String value = h.value(name).map(MimeHeaders.HeaderValue::main).filter(v -> !v.isBlank())
                .orElseThrow(() -> missing(name, what));
        if (!value.equalsIgnoreCase(expected)) {
            throw new XRoadException(ErrorCode.MALFORMED_GLOBAL_CONF,
                    what + ": " + name + " is '" + MultipartScanner.abbreviate(value) + "', expected " + expected);
        }
    }

    static XRoadException missing(String field, String where) {
        return new XRoadException(ErrorCode.GLOBAL_CONF_HEADER_FIELD_MISSING, where + " has no " + field + " header");
    }

    /** An ISO 8601 date-time; without an offset it is taken as UTC. */
    static Instant parseDate(String text) {
        String t = text.strip();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeException e) {
            try {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            } catch (DateTimeException e2) {
                throw new XRoadException(ErrorCode.MALFORMED_GLOBAL_CONF,
                        EXPIRE_DATE + " '" + MultipartScanner.abbreviate(t) + "' is not an ISO 8601 date-time");
            }
        }
    }

    private static int parseVersion(String text) {
        try {
            int v = Integer.parseInt(text.strip());
            if (v < 1) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new XRoadException(ErrorCode.MALFORMED_GLOBAL_CONF,
                    VERSION + " '" + MultipartScanner.abbreviate(text) + "' is not a positive integer");
        }
    }
}
