package org.sild.runtime.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.sild.runtime.json.Json;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * An API's OpenAPI 3 document, written by hand in YAML as a classpath resource, to serve as YAML
 * and as JSON and to compare with the routes a {@link RouteTable} holds. Immutable.
 */
public final class OpenApiDocument {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    private final byte[] yaml;
    private final Map<?, ?> tree;
    private final byte[] json;

    private OpenApiDocument(byte[] yaml) {
        this.yaml = yaml;
        this.tree = (Map<?, ?>) new Load(LoadSettings.builder().build())
                .loadFromString(new String(yaml, StandardCharsets.UTF_8));
        this.json = Json.write(tree);
    }

    /**
     * Loads resource {@code name} beside {@code anchor} (as {@link Class#getResourceAsStream} finds it).
     *
     * @throws UncheckedIOException when it cannot be read; {@link NullPointerException} when it is missing
     */
    public static OpenApiDocument load(Class<?> anchor, String name) {
        try (InputStream in = Objects.requireNonNull(anchor.getResourceAsStream(name),
                name + " is missing from the classpath")) {
            return new OpenApiDocument(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    public byte[] yaml() {
        return yaml.clone();
    }

    public byte[] json() {
        return json.clone();
    }

    /** The operations the document describes, as routes. */
    public List<RouteTable.Route> operations() {
        var out = new ArrayList<RouteTable.Route>();
        ((Map<?, ?>) tree.get("paths")).forEach((path, item) -> ((Map<?, ?>) item).keySet().stream()
                .map(String::valueOf).filter(METHODS::contains)
                .forEach(m -> out.add(new RouteTable.Route(m.toUpperCase(Locale.ROOT), String.valueOf(path)))));
        return out;
    }
}
