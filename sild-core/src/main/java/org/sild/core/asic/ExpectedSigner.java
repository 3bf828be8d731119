package org.sild.core.asic;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.IdentifierXml;
import org.sild.core.id.ServiceId;
import org.sild.core.id.XRoadIds;
import org.sild.core.rest.RestHeaders;
import org.sild.core.rest.RestRequest;
import org.sild.core.rest.RestResponse;
import org.sild.core.xml.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads from a logged message who must have signed it, and checks which documents a signature names,
 * as X-Road's {@code AsicContainerVerifier} does before it looks at the time-stamp.
 */
final class ExpectedSigner {

    private static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";

    private ExpectedSigner() {
    }

    /**
     * SOAP request → client; SOAP response (body element ending in {@code Response}) → the service's
     * provider; REST request → {@code X-Road-Client}; REST response → provider in {@code X-Road-Service}.
     */
    static ClientId of(byte[] message) {
        if (looksLikeXml(message)) {
            return soapSigner(message);
        }
        String firstLine = new String(message, 0, Math.min(message.length, 64), StandardCharsets.ISO_8859_1)
                .split("\r?\n", 2)[0];
        if (firstLine.matches("[0-9]{3}")) {
            RestResponse response = RestResponse.parse(message);
            String service = RestHeaders.last(response.headers(), RestHeaders.SERVICE).orElseThrow(() ->
                    new XRoadException(ErrorCode.MISSING_HEADER_FIELD, "the REST response in " + AsicEntries.MESSAGE
                            + " has no " + RestHeaders.SERVICE + " header"));
            return XRoadIds.parseServicePath(service).provider();
        }
        return RestRequest.parse(message).client();
    }

    /**
     * Reads the {@code client} and {@code service} headers and the body element with a lenient scan rather
     * than the full SOAP parser: logged messages may lack headers a live request must have (X-Road's
     * verifier accepts envelopes without {@code protocolVersion}).
     */
    private static ClientId soapSigner(byte[] message) {
        Optional<ClientId> client = Optional.empty();
        Optional<ServiceId> service = Optional.empty();
        Optional<String> body = Optional.empty();
        try {
            XMLStreamReader r = SafeXml.reader(new ByteArrayInputStream(message));
            int depth = 0;
            String section = "";
            while (r.hasNext() && body.isEmpty()) {
                int event = r.next();
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    continue;
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                depth++;
                if (depth == 2) {
                    section = r.getLocalName();
                } else if (depth == 3 && section.equals("Body")) {
                    body = Optional.of(r.getLocalName());
                } else if (depth == 3 && section.equals("Header")
                        && IdentifierXml.XROAD_NAMESPACE.equals(r.getNamespaceURI())) {
                    if (r.getLocalName().equals("client")) {
                        client = Optional.of(IdentifierXml.read(r, ClientId.class));
                        depth--;
                    } else if (r.getLocalName().equals("service")) {
                        service = Optional.of(IdentifierXml.read(r, ServiceId.class));
                        depth--;
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new XRoadException(ErrorCode.INVALID_XML, AsicEntries.MESSAGE + " is not well-formed XML: "
                    + e.getMessage());
        }
        if (body.orElse("").endsWith("Response")) {
            return service.map(ServiceId::provider).orElseThrow(() -> missing("service"));
        }
        return client.orElseThrow(() -> missing("client"));
    }

    private static XRoadException missing(String field) {
        return new XRoadException(ErrorCode.MISSING_HEADER_FIELD, "the SOAP message in " + AsicEntries.MESSAGE
                + " has no " + field + " header, so its signer is unknown");
    }

    private static boolean looksLikeXml(byte[] message) {
        for (byte b : message) {
            if (b == '<') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && (b & 0xff) != 0xef && (b & 0xff) != 0xbb
                    && (b & 0xff) != 0xbf) {
                return false;
            }
        }
        return false;
    }

    /**
     * The signature must name {@code /message.xml} or {@code /sig-hashchainresult.xml} among its references;
     * returns whether it names the latter (the signature hash chain is then part of what it covers).
     */
    static boolean requireMessageReference(byte[] signatureXml) {
        Set<String> uris = new HashSet<>();
        try {
            Document doc = SafeXml.documentBuilder().parse(new ByteArrayInputStream(signatureXml));
            NodeList refs = doc.getElementsByTagNameNS(DSIG, "Reference");
            for (int i = 0; i < refs.getLength(); i++) {
                uris.add(((org.w3c.dom.Element) refs.item(i)).getAttribute("URI"));
            }
        } catch (SAXException | IOException e) {
            throw new XRoadException(ErrorCode.MALFORMED_SIGNATURE, "signatures.xml cannot be read: " + e.getMessage());
        }
        if (!uris.contains("/" + AsicEntries.MESSAGE) && !uris.contains("/" + AsicEntries.SIG_HASH_CHAIN_RESULT)) {
            throw new XRoadException(ErrorCode.MALFORMED_SIGNATURE, "Signature does not reference '/message.xml' or "
                    + "'/sig-hashchainresult.xml' (it references " + uris + ")");
        }
        return uris.contains("/" + AsicEntries.SIG_HASH_CHAIN_RESULT);
    }
}
