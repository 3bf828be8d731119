package org.sild.securityserver.description;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sild.core.fault.XRoadException;
import org.sild.runtime.json.Json;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads what X-Road takes from an OpenAPI 3.0 or 3.1 document (JSON or YAML): the operations (HTTP
 * method and path template) under {@code paths}, and the base URL of the REST service, which is the
 * first {@code servers} URL (its variables at their defaults, a relative URL resolved against the
 * document's URL; no servers means {@code /}, as the specification says). Swagger 2.0 and other
 * versions are refused. Stateless.
 */
final class OpenApiReader {

    /** What a document yields. */
    record OpenApi(String version, URI baseUrl, List<Operation> operations) {
    }

    /** An operation: an upper-case HTTP method and a path template such as {@code /pets/{id}}. */
    record Operation(String method, String path) {
    }

    private static final Pattern VERSION = Pattern.compile("3\\.[01]\\.\\d+(-[0-9A-Za-z.-]+)?");
    private static final Pattern VARIABLE = Pattern.compile("\\{([^{}/]+)}");
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head",
            "patch", "trace");

    private OpenApiReader() {
    }

    /**
     * Reads {@code document}, downloaded from {@code url}.
     *
     * @throws InvalidDescriptionException with every problem found
     */
    static OpenApi read(byte[] document, URI url) {
        Map<?, ?> root = parse(document);
        var problems = new ArrayList<String>();
        Object openapi = root.get("openapi");
        String version = openapi == null ? "" : String.valueOf(openapi);
        if (openapi == null) {
            throw invalid(List.of(root.containsKey("swagger") ? "Swagger " + root.get("swagger")
                    + " is not supported; use OpenAPI 3.0 or 3.1" : "the document has no 'openapi' version field"));
        }
        if (!VERSION.matcher(version).matches()) {
            throw invalid(List.of("OpenAPI version '" + version + "' is not supported; use 3.0.x or 3.1.x"));
        }
        if (!(root.get("info") instanceof Map<?, ?> info) || info.get("title") == null || info.get("version") == null) {
            problems.add("'info' with 'title' and 'version' is required");
        }
        var operations = new ArrayList<Operation>();
        Object paths = root.get("paths");
        if (paths != null && !(paths instanceof Map<?, ?>)) {
            problems.add("'paths' is not a mapping");
        } else if (paths == null && version.startsWith("3.0")) {
            problems.add("'paths' is required in OpenAPI 3.0");
        } else if (paths instanceof Map<?, ?> map) {
            map.forEach((k, v) -> readPath(String.valueOf(k), v, operations, problems));
        }
        URI base = baseUrl(root.get("servers"), url, problems);
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        return new OpenApi(version, base, List.copyOf(operations));
    }

    private static Map<?, ?> parse(byte[] document) {
        String text = new String(document, StandardCharsets.UTF_8).strip();
        Object tree;
        try {
            if (text.startsWith("{")) {
                tree = Json.read(document, Object.class);
            } else {
                LoadSettings settings = LoadSettings.builder().setAllowDuplicateKeys(false)
                        .setMaxAliasesForCollections(20).setCodePointLimit(document.length + 1).build();
                tree = new Load(settings).loadFromString(text);
            }
        } catch (XRoadException | YamlEngineException e) {
            throw invalid(List.of("the document is neither JSON nor YAML: " + e.getMessage()));
        }
        if (!(tree instanceof Map<?, ?> map)) {
            throw invalid(List.of("the document is not a JSON object or YAML mapping"));
        }
        return map;
    }

    private static void readPath(String path, Object item, List<Operation> operations, List<String> problems) {
        if (!path.startsWith("/")) {
            problems.add("path '" + path + "' does not start with /");
            return;
        }
        if (path.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c) || c == '?'
                || c == '#' || c == '*')) {
            problems.add("path '" + path + "' contains a space, control character, ?, # or *");
            return;
        }
        if (!(item instanceof Map<?, ?> methods)) {
            if (item != null) {
                problems.add("path '" + path + "' is not a mapping of operations");
            }
            return;
        }
        for (String m : METHODS) {
            if (methods.containsKey(m)) {
                operations.add(new Operation(m.toUpperCase(Locale.ROOT), path));
            }
        }
    }

    private static URI baseUrl(Object servers, URI documentUrl, List<String> problems) {
        String server = "/";
        Map<?, ?> variables = Map.of();
        if (servers instanceof List<?> list && !list.isEmpty() && list.getFirst() instanceof Map<?, ?> first
                && first.get("url") != null) {
            server = String.valueOf(first.get("url"));
            if (first.get("variables") instanceof Map<?, ?> vars) {
                variables = vars;
            }
        } else if (servers != null && !(servers instanceof List<?> l && l.isEmpty())) {
            problems.add("'servers' must be a list of objects with a 'url'");
            return documentUrl;
        }
        var resolved = new StringBuilder();
        Matcher m = VARIABLE.matcher(server);
        while (m.find()) {
            Object value = variables.get(m.group(1)) instanceof Map<?, ?> v ? v.get("default") : null;
            if (value == null) {
                problems.add("server URL variable '" + m.group(1) + "' has no default");
                return documentUrl;
            }
            m.appendReplacement(resolved, Matcher.quoteReplacement(String.valueOf(value)));
        }
        m.appendTail(resolved);
        try {
            URI base = documentUrl.resolve(new URI(resolved.toString()));
            String scheme = Optional.ofNullable(base.getScheme()).orElse("").toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && base.getHost() != null) {
                return base;
            }
            problems.add("server URL '" + resolved + "' is not an http or https URL");
        } catch (URISyntaxException | IllegalArgumentException e) {
            problems.add("server URL '" + resolved + "' is not a URL: " + e.getMessage());
        }
        return documentUrl;
    }

    private static InvalidDescriptionException invalid(List<String> problems) {
        return new InvalidDescriptionException("The OpenAPI document", problems.subList(0,
                Math.min(problems.size(), InvalidDescriptionException.MAX_PROBLEMS)));
    }
}
