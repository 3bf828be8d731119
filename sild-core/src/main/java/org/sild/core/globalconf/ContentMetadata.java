package org.sild.core.globalconf;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * The {@code *.metadata} file a security server stores beside each configuration part: which part
 * it is, where it came from, until when it is valid and which configuration version it follows.
 *
 * <p>Immutable. Every field is optional in stored files (old ones lack {@code configurationVersion},
 * which then means version 2). The JSON is flat and tiny; it is read by a small strict reader.
 */
public record ContentMetadata(Optional<String> contentIdentifier, Optional<String> instanceIdentifier,
                              Optional<String> contentFileName, Optional<String> contentLocation,
                              Optional<Instant> expirationDate, Optional<Integer> configurationVersion) {

    /** Largest metadata file accepted, in bytes. */
    public static final int MAX_SIZE = 64 * 1024;

    public ContentMetadata {
        Objects.requireNonNull(contentIdentifier);
        Objects.requireNonNull(instanceIdentifier);
        Objects.requireNonNull(contentFileName);
        Objects.requireNonNull(contentLocation);
        Objects.requireNonNull(expirationDate);
        Objects.requireNonNull(configurationVersion);
    }

    /** The metadata to store for {@code part}, downloaded with {@code directory}. */
    public static ContentMetadata of(ContentPart part, ConfigurationDirectory directory) {
        return new ContentMetadata(part.contentIdentifier(), part.instance(), part.contentFileName(),
                Optional.of(part.contentLocation()), Optional.of(directory.expireDate()),
                Optional.of(directory.configurationVersion()));
    }

    /** The configuration version the part follows: the stored one, or 2. */
    public int version() {
        return configurationVersion.orElse(ConfigurationDirectory.DEFAULT_VERSION);
    }

    /**
     * Reads a metadata file.
     *
     * @throws XRoadException {@code MalformedGlobalConf} naming the bad field
     */
    public static ContentMetadata parse(byte[] json) {
        if (json.length > MAX_SIZE) {
            throw new XRoadException(ErrorCode.MALFORMED_GLOBAL_CONF, "metadata larger than " + MAX_SIZE + " bytes");
        }
        Map<String, MetadataJson.Value> fields = MetadataJson.parseObject(json);
        Optional<Instant> expiration = string(fields, "expirationDate").map(t -> {
            try {
                return DirectoryEntries.parseDate(t);
            } catch (XRoadException e) {
                throw new XRoadException(ErrorCode.MALFORMED_GLOBAL_CONF, "metadata expirationDate '" + t
                        + "' is not an ISO 8601 date-time");
            }
        });
        Optional<Integer> version = Optional.ofNullable(fields.get("configurationVersion"))
                .flatMap(MetadataJson.Value::text).map(ContentMetadata::version);
        return new ContentMetadata(string(fields, "contentIdentifier"), string(fields, "instanceIdentifier"),
                string(fields, "contentFileName"), string(fields, "contentLocation"), expiration, version);
    }

    /** The metadata as JSON, absent fields left out. */
    public byte[] toJson() {
        Map<String, String> fields = new LinkedHashMap<>();
        contentIdentifier.ifPresent(v -> fields.put("contentIdentifier", v));
        instanceIdentifier.ifPresent(v -> fields.put("instanceIdentifier", v));
        contentFileName.ifPresent(v -> fields.put("contentFileName", v));
        contentLocation.ifPresent(v -> fields.put("contentLocation", v));
        expirationDate.ifPresent(v -> fields.put("expirationDate", v.toString()));
        configurationVersion.ifPresent(v -> fields.put("configurationVersion", Integer.toString(v)));
        return MetadataJson.write(fields);
    }

    private static Optional<String> string(Map<String, MetadataJson.Value> fields, String name) {
        MetadataJson.Value v = fields.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isString()) {
            throw new XRoadException(ErrorCode.MALFORMED_GLOBAL_CONF, "metadata field " + name + " must be a string");
        }
        return v.text();
    }

    private static int version(String text) {
        try {
            int v = Integer.parseInt(text.strip());
            if (v < 1) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new XRoadException(ErrorCode.MALFORMED_GLOBAL_CONF,
                    "metadata configurationVersion '" + text + "' is not a positive integer");
        }
    }
}
