package org.sild.runtime.json;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * Sild's configured Jackson {@link ObjectMapper} and strict read/write shortcuts.
 *
 * <p>camelCase property names (X-Road REST API style), strict reading, ISO-8601 strings for
 * {@code java.time} and support for {@code Optional} (see the package documentation). The shared
 * {@link #mapper()} is thread-safe; never reconfigure it — take {@link #newMapper()} to customise.
 */
public final class Json {

    /** Largest JSON document {@link #read} accepts, in bytes. */
    public static final long MAX_DOCUMENT_BYTES = 16L * 1024 * 1024;
    /** Deepest nesting of arrays and objects accepted. */
    public static final int MAX_NESTING_DEPTH = 64;

    private static final ObjectMapper MAPPER = newMapper();

    private Json() {
    }

    /** The shared mapper. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A new mapper with Sild's configuration, for callers that need to customise one. */
    public static ObjectMapper newMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxDocumentLength(MAX_DOCUMENT_BYTES)
                        .maxStringLength((int) MAX_DOCUMENT_BYTES)
                        .maxNumberLength(64)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT, JsonInclude.Include.USE_DEFAULTS))
                .addModule(JavaTimeStrings.module())
                .addModule(OptionalSupport.module())
                .build();
    }

    /**
     * Reads {@code json} as a {@code type}.
     *
     * @throws XRoadException {@code InvalidRequest} saying what is wrong and where (line, column)
     */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw invalid(e);
        }
    }

    /** Reads a JSON document from {@code in} (not closed) as a {@code type}; errors as {@link #read(byte[], Class)}. */
    public static <T> T read(InputStream in, Class<T> type) {
        try {
            return MAPPER.readValue(in, type);
        } catch (IOException e) {
            throw invalid(e);
        }
    }

    /** {@code value} as UTF-8 JSON. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "cannot write " + value.getClass().getSimpleName()
                    + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static XRoadException invalid(IOException e) {
        String message = e instanceof JsonProcessingException jpe ? describe(jpe) : e.getMessage();
        return new XRoadException(ErrorCode.INVALID_REQUEST, "invalid JSON: " + message, e);
    }

    private static String describe(JsonProcessingException e) {
        var where = e.getLocation();
        String original = e.getOriginalMessage();
        // Jackson's messages can quote the whole offending input; keep the first line only.
        int newline = original.indexOf('\n');
        String first = newline < 0 ? original : original.substring(0, newline);
        return where == null ? first : first + " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
    }
}
