package org.sild.securityserver.datatracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.sild.core.xml.SafeXml;
import org.sild.runtime.json.Json;
import org.sild.testing.GlobalConfSchemas;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The Data Tracker's own schemas from {@code ../shared/reference/data-tracker} (beside the X-Road
 * schema tree; tests skip when it is missing): a validator for the part of JSON Schema the OpenAPI
 * document uses ({@code $ref}, {@code type}, {@code required}, {@code properties}, {@code items},
 * {@code enum}, {@code format} date-time and int32; any other keyword fails loudly rather than
 * passing unchecked), and the XSD embedded in {@code dumonitor.wsdl} with its {@code xroad.xsd}
 * import resolved to X-Road's own {@code message.xsd}, local files only.
 */
final class DataTrackerSchemas {

    private static final Set<String> KNOWN = Set.of("$ref", "type", "required", "properties", "items", "enum",
            "format", "description", "example", "default");
    private static final String XSD = XMLConstants.W3C_XML_SCHEMA_NS_URI;
    private static final String MESSAGE_XSD = "src/common/common-domain/src/main/resources/message.xsd";

    private DataTrackerSchemas() {
    }

    static Path dir() {
        Path dir = GlobalConfSchemas.root().getParent().resolve("data-tracker");
        assumeTrue(Files.isRegularFile(dir.resolve("dumonitor-openapi.yaml")), () -> "Data Tracker reference not found at "
                + dir + "; the schema checks are skipped");
        return dir;
    }

    /** The OpenAPI document's {@code components/schemas}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> openApiSchemas() {
        try (InputStream in = Files.newInputStream(dir().resolve("dumonitor-openapi.yaml"))) {
            Map<String, Object> doc = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
            return (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asserts that {@code json} is valid against component {@code name}. */
    static void assertValid(String name, byte[] json) {
        assertThat(errors(name, json)).as(new String(json, java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
    }

    /** What is wrong with {@code json} as component {@code name} (empty: valid). */
    static List<String> errors(String name, byte[] json) {
        Map<String, Object> schemas = openApiSchemas();
        var errors = new ArrayList<String>();
        validate(schemas, Map.of("$ref", "#/components/schemas/" + name), Json.read(json, JsonNode.class), "$", errors);
        return errors;
    }

    @SuppressWarnings("unchecked")
    private static void validate(Map<String, Object> schemas, Map<String, Object> schema, JsonNode node, String at,
            List<String> errors) {
        for (String key : schema.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new IllegalStateException("schema keyword '" + key + "' at " + at + " is not supported");
            }
        }
        if (schema.get("$ref") instanceof String ref) {
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            Map<String, Object> target = (Map<String, Object>) schemas.get(name);
            if (!ref.startsWith("#/components/schemas/") || target == null) {
                throw new IllegalStateException("unresolvable $ref " + ref);
            }
            validate(schemas, target, node, at, errors);
            return;
        }
        String type = (String) schema.get("type");
        switch (type) {
            case "object" -> {
                if (!node.isObject()) {
                    errors.add(at + " is not an object");
                    return;
                }
                for (Object r : (List<Object>) schema.getOrDefault("required", List.of())) {
                    if (!node.has((String) r)) {
                        errors.add(at + " lacks required " + r);
                    }
                }
                var properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
                node.fieldNames().forEachRemaining(f -> {
                    if (properties.containsKey(f)) {
                        validate(schemas, (Map<String, Object>) properties.get(f), node.get(f), at + "." + f, errors);
                    }
                });
            }
            case "array" -> {
                if (!node.isArray()) {
                    errors.add(at + " is not an array");
                    return;
                }
                for (int i = 0; i < node.size(); i++) {
                    validate(schemas, (Map<String, Object>) schema.get("items"), node.get(i), at + "[" + i + "]", errors);
                }
            }
            case "string" -> {
                if (!node.isTextual()) {
                    errors.add(at + " is not a string");
                    return;
                }
                if (schema.get("enum") instanceof List<?> values && !values.contains(node.asText())) {
                    errors.add(at + " '" + node.asText() + "' is not one of " + values);
                }
                if ("date-time".equals(schema.get("format"))) {
                    try {
                        OffsetDateTime.parse(node.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                    } catch (DateTimeParseException e) {
                        errors.add(at + " '" + node.asText() + "' is not an RFC 3339 date-time");
                    }
                }
            }
            case "integer" -> {
                if (!node.isIntegralNumber()) {
                    errors.add(at + " is not an integer");
                } else if ("int32".equals(schema.get("format")) && !node.canConvertToInt()) {
                    errors.add(at + " is out of int32 range");
                }
            }
            case null, default -> throw new IllegalStateException("schema type '" + type + "' at " + at
                    + " is not supported");
        }
    }

    /** The schema embedded in {@code dumonitor.wsdl}, its xroad.xsd import pointed at X-Road's message.xsd. */
    static Schema wsdlSchema() {
        try {
            Document wsdl = SafeXml.documentBuilder().parse(dir().resolve("dumonitor.wsdl").toFile());
            Element schema = (Element) wsdl.getElementsByTagNameNS(XSD, "schema").item(0);
            Element imported = (Element) schema.getElementsByTagNameNS(XSD, "import").item(0);
            imported.setAttribute("schemaLocation", GlobalConfSchemas.root().resolve(MESSAGE_XSD).toUri().toString());
            SchemaFactory factory = SchemaFactory.newInstance(XSD);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");   // the reference tree only
            return factory.newSchema(new DOMSource(schema, wsdl.getDocumentURI()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the WSDL's schema: " + e.getMessage(), e);
        }
    }

    /** Validates the first element of the SOAP body of {@code envelope} against the WSDL's schema. */
    static void assertSoapBodyValid(byte[] envelope) throws Exception {
        Document doc = SafeXml.documentBuilder().parse(new ByteArrayInputStream(envelope));
        Node body = doc.getElementsByTagNameNS("http://schemas.xmlsoap.org/soap/envelope/", "Body").item(0);
        Node first = body.getFirstChild();
        while (first != null && !(first instanceof Element)) {
            first = first.getNextSibling();
        }
        assertThat(first).as("a body element").isNotNull();
        Validator validator = wsdlSchema().newValidator();
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        validator.validate(new DOMSource(first));
    }
}
