package org.sild.runtime.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads a product's YAML configuration file into its configuration record.
 *
 * <pre>{@code
 * record ClientProxy(String host, int port, Duration timeout) {
 *     ClientProxy { ConfigException.checkRange("port", port, 0, 65535); }
 *     static ClientProxy defaults() { return new ClientProxy("127.0.0.1", 8080, Duration.ofSeconds(30)); }
 * }
 * record SecurityServer(ClientProxy clientProxy, Optional<URI> anchorUrl) { ... }
 *
 * SecurityServer config = YamlConfig.load(Path.of("sild.yaml"), SecurityServer.class);
 * }</pre>
 *
 * <p>Mapping: each record component is a key spelled in kebab-case ({@code clientProxy} →
 * {@code client-proxy}); unknown keys are rejected. Values: {@code String}, {@code int},
 * {@code long}, {@code boolean}, {@code double} (and their boxes), enums (constant names in any
 * case, {@code -} for {@code _}), {@link Duration} ({@code 500ms}, {@code 30s}, {@code 5m},
 * {@code 2h}, {@code 1d} or ISO-8601 {@code PT30S}), {@link Path} (relative paths resolve against
 * the file's directory), {@code URI}, {@code Optional<T>}, {@code List<T>}, {@code Set<T>},
 * {@code Map<String, T>} and nested records.
 *
 * <p>Defaults: a record may declare {@code public static R defaults()}; a key missing from the
 * file takes the value from the defaults (of the enclosing record's defaults when it has them,
 * else of the record's own). Without defaults a missing {@code Optional} is empty, a missing list,
 * set or map is empty, a missing record is read as an empty section, anything else is an error.
 * Validation lives in the records' compact constructors ({@link ConfigException}); a problem is
 * reported with the full key path, for example {@code security-server.client-proxy.port: must be
 * 0..65535, was 70000}. Because the records are plain values, anything settable in the file is
 * settable in code.
 *
 * <p>Safety: at most {@link #MAX_BYTES} of UTF-8, nesting at most {@link #MAX_DEPTH}, no duplicate
 * keys, YAML 1.2 core schema ({@code ~}, {@code null} and nothing are null; {@code yes} is text), at most 50 alias references, no tags that construct objects (the YAML is composed into
 * nodes and bound here, never into arbitrary classes), no environment variable substitution.
 * Stateless and thread-safe.
 */
public final class YamlConfig {

    /** Largest configuration file accepted, in bytes. */
    public static final int MAX_BYTES = 1024 * 1024;
    /** Deepest nesting of sections and lists accepted. */
    public static final int MAX_DEPTH = 32;

    private YamlConfig() {
    }

    /**
     * Reads {@code file} into a {@code type}.
     *
     * @throws ConfigException naming the key path of the first problem, or the file when it cannot
     *                         be read or is not YAML
     */
    public static <T extends Record> T load(Path file, Class<T> type) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new ConfigException("", "configuration file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("", "cannot read configuration file " + file + ": " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw new ConfigException("", "configuration file " + file + " is larger than " + MAX_BYTES + " bytes");
        }
        Path directory = file.toAbsolutePath().getParent();
        return parse(decode(bytes, file.toString()), type, file.toString(), Optional.ofNullable(directory));
    }

    /** Reads YAML text into a {@code type}; relative paths stay relative. */
    public static <T extends Record> T parse(String yaml, Class<T> type) {
        return parse(yaml, type, "configuration", Optional.empty());
    }

    /**
     * Reads YAML text into a {@code type}, resolving relative {@link Path} values against
     * {@code baseDirectory} when given; {@code sourceName} names the text in syntax errors.
     */
    public static <T extends Record> T parse(String yaml, Class<T> type, String sourceName,
            Optional<Path> baseDirectory) {
        if (yaml.length() > MAX_BYTES) {
            throw new ConfigException("", sourceName + " is larger than " + MAX_BYTES + " characters");
        }
        Optional<Node> root;
        try {
            LoadSettings settings = LoadSettings.builder()
                    .setLabel(sourceName)
                    .setAllowDuplicateKeys(false)
                    .setAllowRecursiveKeys(false)
                    .setMaxAliasesForCollections(50)
                    .setCodePointLimit(MAX_BYTES)
                    .setUseMarks(true)
                    .setSchema(new CoreSchema())
                    .build();
            var composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, yaml)));
            root = composer.getSingleNode();
        } catch (YamlEngineException e) {
            throw new ConfigException("", sourceName + " is not valid YAML: " + firstLines(e.getMessage()));
        }
        return new RecordBinder(baseDirectory, MAX_DEPTH).bindRoot(root, type);
    }

    /**
     * A duration as configuration files write it: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h},
     * {@code 1d}, or ISO-8601 such as {@code PT1M30S}; for command-line options that take the same.
     *
     * @throws IllegalArgumentException when {@code text} is none of these
     */
    public static Duration parseDuration(String text) {
        return ScalarValues.duration(text);
    }

    private static String decode(byte[] bytes, String name) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException("", "configuration file " + name + " is not UTF-8");
        }
    }

    private static String firstLines(String message) {
        String m = String.valueOf(message).strip().replaceAll("\\s*\\n\\s*", " ");
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }
}
