package org.sild.core.signature;

import java.io.ByteArrayInputStream;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.signature.XMLSignatureByteInput;
import org.apache.xml.security.signature.XMLSignatureInput;
import org.apache.xml.security.utils.resolver.ResourceResolverContext;
import org.apache.xml.security.utils.resolver.ResourceResolverException;
import org.apache.xml.security.utils.resolver.ResourceResolverSpi;
import org.sild.core.xml.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * An independent check of a signature with Apache Santuario's own API (not the JDK's JSR 105), the way
 * X-Road verifies: signature value and every reference, documents resolved by a Santuario resolver.
 */
final class SantuarioCheck {

    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("org.apache.xml.security");

    static {
        org.apache.xml.security.Init.init();
        // Santuario logs every failed reference as a warning; the tests provoke hundreds on purpose.
        QUIET.setLevel(java.util.logging.Level.OFF);
    }


    private SantuarioCheck() {
    }

    /** Whether Santuario finds the signature valid for {@code certificate} with {@code documents} by URI. */
    static boolean valid(byte[] signatureXml, Map<String, byte[]> documents, X509Certificate certificate) {
        try {
            Document doc = SafeXml.documentBuilder().parse(new ByteArrayInputStream(signatureXml));
            NodeList props = doc.getElementsByTagNameNS("http://uri.etsi.org/01903/v1.3.2#", "SignedProperties");
            for (int i = 0; i < props.getLength(); i++) {
                ((Element) props.item(i)).setIdAttributeNS(null, "Id", true);
            }
            Element sig = (Element) doc.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature")
                    .item(0);
            XMLSignature signature = new XMLSignature(sig, "", true);
            signature.addResourceResolver(new ResourceResolverSpi() {
                @Override
                public boolean engineCanResolveURI(ResourceResolverContext context) {
                    return documents.containsKey(context.uriToResolve);
                }

                @Override
                public XMLSignatureInput engineResolveURI(ResourceResolverContext context)
                        throws ResourceResolverException {
                    return new XMLSignatureByteInput(documents.get(context.uriToResolve));
                }
            });
            return signature.checkSignatureValue(certificate);
        } catch (Exception e) {
            return false;
        }
    }
}
