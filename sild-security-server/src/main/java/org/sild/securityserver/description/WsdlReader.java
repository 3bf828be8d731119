package org.sild.securityserver.description;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sild.core.id.IdentifierXml;
import org.sild.core.xml.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads the X-Road services a WSDL 1.1 declares, as X-Road does: every operation of every binding a
 * {@code wsdl:service} port uses is a service whose code is the operation name and whose version is
 * the binding operation's {@code version} element (optional; in the {@code xroad.xsd} or, as X-Road's
 * own test WSDLs have it, the identifiers namespace), and whose address is the port's SOAP 1.1 or
 * 1.2 address. The same operation reached through several ports counts once. Imports are not
 * followed (refused), DOCTYPEs are refused. Stateless.
 */
final class WsdlReader {

    static final String WSDL = "http://schemas.xmlsoap.org/wsdl/";
    static final String WSDL2 = "http://www.w3.org/ns/wsdl";
    static final String SOAP11 = "http://schemas.xmlsoap.org/wsdl/soap/";
    static final String SOAP12 = "http://schemas.xmlsoap.org/wsdl/soap12/";

    /** A service a WSDL declares; {@code address} is absent when the port has none usable. */
    record WsdlService(String code, Optional<String> version, Optional<URI> address) {
    }

    private WsdlReader() {
    }

    /**
     * The services of {@code wsdl}, in document order.
     *
     * @throws InvalidDescriptionException with every problem found
     */
    static List<WsdlService> read(byte[] wsdl) {
        Document doc;
        try {
            doc = SafeXml.documentBuilder().parse(new ByteArrayInputStream(wsdl));
        } catch (SAXException | IOException e) {
            throw invalid(List.of("the WSDL is not well-formed XML: " + e.getMessage()));
        }
        Element root = doc.getDocumentElement();
        if (WSDL2.equals(root.getNamespaceURI())) {
            throw invalid(List.of("WSDL 2.0 is not supported; X-Road services are described in WSDL 1.1"));
        }
        if (!WSDL.equals(root.getNamespaceURI()) || !"definitions".equals(root.getLocalName())) {
            throw invalid(List.of("the root element is {" + root.getNamespaceURI() + "}" + root.getLocalName()
                    + ", not {" + WSDL + "}definitions"));
        }
        var problems = new ArrayList<String>();
        if (!children(root, WSDL, "import").isEmpty()) {
            problems.add("wsdl:import is not supported; register a WSDL that declares its bindings itself");
        }
        var bindings = new LinkedHashMap<String, Element>();
        for (Element b : children(root, WSDL, "binding")) {
            bindings.put(b.getAttribute("name"), b);
        }
        var services = new LinkedHashMap<String, WsdlService>();
        for (Element service : children(root, WSDL, "service")) {
            for (Element port : children(service, WSDL, "port")) {
                String ref = localPart(port.getAttribute("binding"));
                Element binding = bindings.get(ref);
                if (binding == null) {
                    problems.add("port " + port.getAttribute("name") + " of service " + service.getAttribute("name")
                            + " refers to binding '" + ref + "', which the WSDL does not declare");
                    continue;
                }
                Optional<URI> address = address(port);
                readBinding(binding, address, services, problems);
            }
        }
        if (problems.isEmpty() && services.isEmpty()) {
            problems.add("the WSDL declares no operations (no wsdl:service port with a binding that has operations)");
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        return List.copyOf(services.values());
    }

    private static void readBinding(Element binding, Optional<URI> address, Map<String, WsdlService> services,
            List<String> problems) {
        Set<String> inBinding = new HashSet<>();
        for (Element op : children(binding, WSDL, "operation")) {
            String code = op.getAttribute("name").strip();
            List<Element> versions = new ArrayList<>(children(op, IdentifierXml.XROAD_NAMESPACE, "version"));
            versions.addAll(children(op, IdentifierXml.NAMESPACE, "version"));
            Optional<String> version = versions.isEmpty() ? Optional.empty()
                    : Optional.of(versions.getFirst().getTextContent().strip()).filter(v -> !v.isEmpty());
            if (code.isEmpty()) {
                problems.add("binding " + binding.getAttribute("name") + " has an operation without a name");
                continue;
            }
            if (!inBinding.add(code)) {
                problems.add("operation " + code + " appears more than once in binding " + binding.getAttribute("name"));
                continue;
            }
            if (ReservedCodes.isReserved(code)) {
                problems.add("operation " + code + " has a service code reserved for X-Road's own services "
                        + ReservedCodes.CODES);
                continue;
            }
            services.putIfAbsent(code + "\u0000" + version.orElse(""), new WsdlService(code, version, address));
        }
    }

    private static Optional<URI> address(Element port) {
        var addresses = new ArrayList<Element>(children(port, SOAP11, "address"));
        addresses.addAll(children(port, SOAP12, "address"));
        for (Element a : addresses) {
            try {
                URI uri = new URI(a.getAttribute("location").strip());
                String scheme = Optional.ofNullable(uri.getScheme()).orElse("");
                if ((scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) && uri.getHost() != null) {
                    return Optional.of(uri);
                }
            } catch (URISyntaxException e) {
                // Not a usable address (placeholders are common): the description's URL stands in.
            }
        }
        return Optional.empty();
    }

    private static String localPart(String qname) {
        int colon = qname.indexOf(':');
        return colon < 0 ? qname.strip() : qname.substring(colon + 1).strip();
    }

    private static List<Element> children(Element parent, String ns, String localName) {
        var out = new ArrayList<Element>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static InvalidDescriptionException invalid(List<String> problems) {
        return new InvalidDescriptionException("The WSDL", problems.subList(0,
                Math.min(problems.size(), InvalidDescriptionException.MAX_PROBLEMS)));
    }
}
