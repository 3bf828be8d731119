package org.sild.securityserver.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.runtime.json.Json;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * OpenAPI documents as {@code getOpenAPI} returns them: every {@code servers[].url} without
 * {@code {variables}} reduced to its path, so that the provider's addresses stay private (digest 02
 * §7.2). Stateless.
 */
final class OpenApiDocuments {

    private OpenApiDocuments() {
    }

    /**
     * As X-Road decides: JSON when the Content-Type contains {@code application/json}, YAML when it
     * is {@code application/x-yaml}, otherwise JSON only when the URL's path ends with {@code .json}.
     */
    static boolean isYaml(Optional<String> contentType, String urlPath) {
        String type = contentType.orElse("").toLowerCase(Locale.ROOT);
        if (type.contains("application/json")) {
            return false;
        }
        if (type.strip().equals("application/x-yaml")) {
            return true;
        }
        return urlPath == null || !urlPath.endsWith(".json");
    }

    static byte[] anonymised(byte[] document, boolean yaml) {
        return yaml ? anonymisedYaml(document) : anonymisedJson(document);
    }

    private static byte[] anonymisedJson(byte[] document) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(document);
        } catch (java.io.IOException e) {
            throw invalid(e);
        }
        if (root instanceof ObjectNode o && o.get("servers") != null) {
            for (JsonNode server : o.get("servers")) {
                if (server instanceof ObjectNode s && s.get("url") != null && s.get("url").isTextual()) {
                    s.put("url", anonymised(s.get("url").asText()));
                }
            }
        }
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw invalid(e);
        }
    }

    private static byte[] anonymisedYaml(byte[] document) {
        Object root;
        try {
            root = new Load(LoadSettings.builder().setCodePointLimit(Metaservices.MAX_DOCUMENT_BYTES)
                    .setAllowDuplicateKeys(false).build()).loadFromString(new String(document, StandardCharsets.UTF_8));
        } catch (YamlEngineException e) {
            throw invalid(e);
        }
        if (root instanceof Map<?, ?> map && map.get("servers") instanceof List<?> servers) {
            for (Object server : servers) {
                if (server instanceof Map<?, ?> s && s.get("url") instanceof String url) {
                    @SuppressWarnings("unchecked")
                    Map<Object, Object> writable = (Map<Object, Object>) s;
                    writable.put("url", anonymised(url));
                }
            }
        }
        String out = new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build()).dumpToString(root);
        return out.getBytes(StandardCharsets.UTF_8);
    }

    /** A URL with variables is left alone; any other becomes its path ({@code ""} when it has none). */
    static String anonymised(String url) {
        if (url.contains("{")) {
            return url;
        }
        try {
            return Optional.ofNullable(URI.create(url).getRawPath()).orElse("");
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    private static XRoadException invalid(Exception e) {
        return new XRoadException(ErrorCode.INVALID_RESPONSE, "the OpenAPI document cannot be read: " + e.getMessage(), e);
    }
}
