package org.sild.core.asic;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.sild.core.crypto.DigestAlgorithm;

/**
 * The two manifests of a container, written byte for byte as X-Road writes them: the OpenDocument
 * {@code META-INF/manifest.xml} and, for a batch time-stamp, {@code META-INF/ASiCManifest.xml}.
 */
final class Manifests {

    private static final String TEXT_XML = "text/xml";
    private static final String BINARY = "application/octet-stream";

    private Manifests() {
    }

    /** The OpenDocument manifest listing {@code xmlFiles} (as XML) and {@code attachments} attachments. */
    static byte[] openDocument(List<String> xmlFiles, int attachments) {
        var b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"")
                .append(" manifest:version=\"1.2\">\n");
        entry(b, AsicEntries.MIMETYPE, "/");
        xmlFiles.forEach(f -> entry(b, TEXT_XML, f));
        for (int i = 1; i <= attachments; i++) {
            entry(b, BINARY, AsicEntries.ATTACHMENT + i);
        }
        b.append("</manifest:manifest>\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void entry(StringBuilder b, String mediaType, String path) {
        b.append("    <manifest:file-entry manifest:media-type=\"").append(mediaType)
                .append("\" manifest:full-path=\"").append(path).append("\"/>\n");
    }

    /** The ASiC manifest binding {@code META-INF/timestamp.tst} to {@code ts-hashchainresult.xml}. */
    static byte[] asic(byte[] tsHashChainResult) {
        DigestAlgorithm alg = DigestAlgorithm.SHA512;
        String s = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<asic:ASiCManifest xmlns:asic=\"http://uri.etsi.org/2918/v1.2.1#\""
                + " xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">\n"
                + "<asic:SigReference URI=\"" + AsicEntries.TIMESTAMP + "\" MimeType=\"vnd.etsi.timestamp-token\"/>\n"
                + "<asic:DataObjectReference URI=\"" + AsicEntries.TS_HASH_CHAIN_RESULT + "\" MimeType=\"text/xml\">\n"
                + "<ds:DigestMethod Algorithm=\"" + alg.uri() + "\" />\n"
                + "<ds:DigestValue>" + alg.base64Digest(tsHashChainResult) + "</ds:DigestValue>\n"
                + "</asic:DataObjectReference>\n"
                + "</asic:ASiCManifest>";
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
