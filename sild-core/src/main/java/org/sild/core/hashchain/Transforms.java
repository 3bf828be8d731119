package org.sild.core.hashchain;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;
import javax.xml.crypto.Data;
import javax.xml.crypto.OctetStreamData;
import javax.xml.crypto.dom.DOMCryptoContext;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.TransformException;
import javax.xml.crypto.dsig.TransformService;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.xml.SafeXml;
import org.xml.sax.SAXException;

/**
 * The XML-DSig transforms a {@code DataRef} may apply before digesting: the canonicalizations, run by the
 * JDK's XML-DSig implementation. Other transforms (XPath, XSLT, …) are refused.
 */
final class Transforms {

    private static final Set<String> SUPPORTED = Set.of(
            CanonicalizationMethod.INCLUSIVE, CanonicalizationMethod.INCLUSIVE_WITH_COMMENTS,
            CanonicalizationMethod.EXCLUSIVE, CanonicalizationMethod.EXCLUSIVE_WITH_COMMENTS);

    private Transforms() {
    }

    static void checkSupported(List<String> algorithms, String uri) {
        for (String a : algorithms) {
            if (!SUPPORTED.contains(a)) {
                throw HashChainXml.malformed("DataRef " + uri + " uses unsupported transform " + a);
            }
        }
    }

    /** {@code data} after the transforms in order; a document that is not XML fails as a bad reference. */
    static byte[] apply(List<String> algorithms, byte[] data, String uri) {
        checkSupported(algorithms, uri);
        rejectUnsafeXml(data, uri);
        byte[] current = data;
        for (String algorithm : algorithms) {
            current = canonicalize(algorithm, current, uri);
        }
        return current;
    }

    private static void rejectUnsafeXml(byte[] data, String uri) {
        try {
            SafeXml.documentBuilder().parse(new ByteArrayInputStream(data));
        } catch (SAXException | IOException e) {
            throw new XRoadException(ErrorCode.INVALID_HASH_CHAIN_REF,
                    "DataRef " + uri + " is transformed as XML but is not well-formed, safe XML");
        }
    }

    private static byte[] canonicalize(String algorithm, byte[] data, String uri) {
        try {
            TransformService c14n = TransformService.getInstance(algorithm, "DOM");
            c14n.init(null);
            var context = new DOMCryptoContext() { };
            context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
            Data out = c14n.transform(new OctetStreamData(new ByteArrayInputStream(data)), context);
            if (!(out instanceof OctetStreamData octets)) {
                throw new XRoadException(ErrorCode.INVALID_HASH_CHAIN_REF,
                        "transform " + algorithm + " of " + uri + " produced no octets");
            }
            try (InputStream in = octets.getOctetStream()) {
                return in.readAllBytes();
            }
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            throw HashChainXml.malformed("transform " + algorithm + " is not available");
        } catch (TransformException | IOException e) {
            throw new XRoadException(ErrorCode.INVALID_HASH_CHAIN_REF,
                    "transform " + algorithm + " of " + uri + " failed");
        }
    }
}
