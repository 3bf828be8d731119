package org.sild.centralserver.admin;

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
 * The admin API's OpenAPI 3 document, written by hand in {@code openapi.yaml} beside this class and
 * served as JSON (and as the YAML it is written in). Immutable.
 */
final class OpenApiDocument {

    static final String RESOURCE = "openapi.yaml";
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

    static OpenApiDocument load() {
        try (InputStream in = Objects.requireNonNull(OpenApiDocument.class.getResourceAsStream(RESOURCE),
                RESOURCE + " is missing from the classpath")) {
            return new OpenApiDocument(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    byte[] yaml() {
        return yaml.clone();
    }

    byte[] json() {
        return json.clone();
    }

    /** The operations the document describes, as routes. */
    List<RouteTable.Route> operations() {
        var out = new ArrayList<RouteTable.Route>();
        ((Map<?, ?>) tree.get("paths")).forEach((path, item) -> ((Map<?, ?>) item).keySet().stream()
                .map(String::valueOf).filter(METHODS::contains)
                .forEach(m -> out.add(new RouteTable.Route(m.toUpperCase(Locale.ROOT), String.valueOf(path)))));
        return out;
    }
}
