package org.sild.core.soap;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.xml.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The answer of a service a security server answers itself (metaservices, monitoring, findUsage):
 * the request's envelope, every header echoed as the request had it, with the body replaced. X-Road
 * answers carry the request's headers; the request hash is added later, when the answer is signed.
 *
 * <p>Use {@link #parse} and {@link #emptyBody} to build the new body in place and {@link #serialize}
 * to write it, or {@link #withBody} for a body written elsewhere. Stateless; DOM through the
 * hardened parser of {@link SafeXml}.
 */
public final class AnswerEnvelope {

    private AnswerEnvelope() {
    }

    /**
     * The request envelope as a DOM document.
     *
     * @throws XRoadException {@code InvalidXml} when it is not well-formed
     */
    public static Document parse(byte[] request) {
        try {
            return SafeXml.documentBuilder().parse(new ByteArrayInputStream(request));
        } catch (SAXException | IOException e) {
            throw new XRoadException(ErrorCode.INVALID_XML, "the request is not well-formed XML: " + e.getMessage(), e);
        }
    }

    /**
     * The envelope's {@code Body} (in the envelope's namespace).
     *
     * @throws XRoadException {@code MissingBody} when there is none
     */
    public static Element body(Document envelope) {
        Element root = envelope.getDocumentElement();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "Body".equals(e.getLocalName())
                    && root.getNamespaceURI() != null && root.getNamespaceURI().equals(e.getNamespaceURI())) {
                return e;
            }
        }
        throw new XRoadException(ErrorCode.MISSING_BODY, "the SOAP message has no body");
    }

    /** The envelope's {@link #body}, emptied, for the answer to fill. */
    public static Element emptyBody(Document envelope) {
        Element body = body(envelope);
        while (body.getFirstChild() != null) {
            body.removeChild(body.getFirstChild());
        }
        return body;
    }

    /** The document as UTF-8 with an XML declaration. */
    public static byte[] serialize(Document document) {
        try {
            Transformer t = SafeXml.transformerFactory().newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "no");
            document.setXmlStandalone(true);
            var out = new ByteArrayOutputStream();
            t.transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "cannot write the answer: " + e.getMessage(), e);
        }
    }

    /** The request envelope with its body replaced by the one element {@code bodyElement} (UTF-8 XML). */
    public static byte[] withBody(byte[] request, byte[] bodyElement) {
        Document envelope = parse(request);
        Element content = parse(bodyElement).getDocumentElement();
        emptyBody(envelope).appendChild(envelope.importNode(content, true));
        return serialize(envelope);
    }
}
