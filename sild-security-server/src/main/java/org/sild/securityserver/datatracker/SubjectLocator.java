package org.sild.securityserver.datatracker;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

/**
 * Where an exchange names its data subject: a kind of place and its name there, e.g. the path
 * variable {@code personalCode}, the JSON pointer {@code /patient} into the request body, or an
 * XPath (with its namespace prefixes) into a SOAP request body. Immutable; validated when built.
 *
 * @param kind       the kind of place
 * @param name       the variable, parameter or header name, the JSON pointer or the XPath
 * @param namespaces for {@link Kind#XPATH}: prefix to namespace URI (empty for the other kinds)
 */
public record SubjectLocator(Kind kind, String name, Map<String, String> namespaces) {

    /** Longest locator name or expression accepted. */
    public static final int MAX_NAME_LENGTH = 1000;
    /** Most namespace prefixes of one XPath locator. */
    public static final int MAX_NAMESPACES = 20;

    /** The kinds of place, with their names in the admin API and YAML ({@link #id()}). */
    public enum Kind {
        /** A variable of the REST endpoint's path template, e.g. {@code id} of {@code /prescriptions/{id}}. */
        PATH("path"),
        /** A REST query parameter (every occurrence is a subject). */
        QUERY("query"),
        /** A REST request header (every occurrence is a subject). */
        HEADER("header"),
        /** An RFC 6901 JSON pointer into the REST request body (an array there: each string or number). */
        JSON_POINTER("json-pointer"),
        /** An RFC 6901 JSON pointer into the REST response body, for requests that do not name the person. */
        RESPONSE_JSON_POINTER("response-json-pointer"),
        /** An XPath 1.0 expression into the SOAP request body, evaluated with the {@code Body} element as context. */
        XPATH("xpath");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** The kind's name in the admin API and YAML. */
        public String id() {
            return id;
        }

        /** The kind named {@code id}. */
        public static Kind of(String id) {
            return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst()
                    .orElseThrow(() -> DeclarationException.invalid("locator.kind", "unknown locator kind '" + id
                            + "' (one of " + Arrays.stream(values()).map(Kind::id).toList() + ")"));
        }

        /** Whether it reads a body (which is then read, bounded, for declared services only). */
        boolean readsBody() {
            return this == JSON_POINTER || this == RESPONSE_JSON_POINTER || this == XPATH;
        }
    }

    public SubjectLocator {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        namespaces = Map.copyOf(new TreeMap<>(Objects.requireNonNull(namespaces, "namespaces")));
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw DeclarationException.invalid("locator.name", kind.id + " locator needs a name of 1.."
                    + MAX_NAME_LENGTH + " characters");
        }
        if (kind != Kind.XPATH && !namespaces.isEmpty()) {
            throw DeclarationException.invalid("locator.namespaces", "only an xpath locator has namespaces");
        }
        switch (kind) {
            case JSON_POINTER, RESPONSE_JSON_POINTER -> JsonPointer.parse(name);
            case XPATH -> compile(name, namespaces);
            default -> {
            }
        }
    }

    /** A locator without namespaces. */
    public static SubjectLocator of(Kind kind, String name) {
        return new SubjectLocator(kind, name, Map.of());
    }

    /** Compiles an XPath with {@code namespaces} declared ({@code invalid} when it does not compile). */
    static XPathExpression compile(String expression, Map<String, String> namespaces) {
        if (namespaces.size() > MAX_NAMESPACES) {
            throw DeclarationException.invalid("locator.namespaces", "more than " + MAX_NAMESPACES + " namespaces");
        }
        namespaces.forEach((prefix, uri) -> {
            if (prefix.isBlank() || uri.isBlank()) {
                throw DeclarationException.invalid("locator.namespaces", "namespace prefix and URI must not be empty");
            }
        });
        var xpath = XPathFactory.newInstance().newXPath();
        xpath.setNamespaceContext(new Prefixes(namespaces));
        try {
            return xpath.compile(expression);
        } catch (XPathExpressionException | RuntimeException e) {
            throw DeclarationException.invalid("locator.name", "xpath '" + expression + "' does not compile"
                    + " (are its prefixes declared?)");
        }
    }

    /** The declared prefixes; an undeclared prefix fails the compilation. */
    private record Prefixes(Map<String, String> namespaces) implements NamespaceContext {
        @Override
        public String getNamespaceURI(String prefix) {
            String uri = namespaces.get(prefix);
            if (uri == null) {
                if (prefix.equals(XMLConstants.XML_NS_PREFIX)) {
                    return XMLConstants.XML_NS_URI;
                }
                throw new IllegalArgumentException("undeclared prefix " + prefix.toLowerCase(Locale.ROOT));
            }
            return uri;
        }

        @Override
        public String getPrefix(String namespaceUri) {
            return namespaces.entrySet().stream().filter(e -> e.getValue().equals(namespaceUri)).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
        }

        @Override
        public Iterator<String> getPrefixes(String namespaceUri) {
            return namespaces.entrySet().stream().filter(e -> e.getValue().equals(namespaceUri))
                    .map(Map.Entry::getKey).iterator();
        }
    }
}
