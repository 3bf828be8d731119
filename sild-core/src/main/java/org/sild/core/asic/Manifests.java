package org.sild.core.asic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.sild.core.crypto.DigestAlgorithm;

/**
 * The two manifests of a container, written byte for byte as X-Road writes them: the OpenDocument
 * {@code META-INF/manifest.xml} and, for a batch time-stamp, {@code META-INF/ASiCManifest.xml}.
 */
final class Manifests {

    private static final String TEXT_XML = "text/xml";
    private static final String BINARY = "application/octet-stream";
    private static final List<String> XML_FILES = List.of(AsicEntries.MESSAGE, AsicEntries.SIG_HASH_CHAIN_RESULT,
            AsicEntries.SIG_HASH_CHAIN, AsicEntries.TS_HASH_CHAIN_RESULT, AsicEntries.TS_HASH_CHAIN);
    private static final Pattern ATTACHMENT = Pattern.compile(AsicEntries.ATTACHMENT + "[1-9][0-9]{0,5}");

    /** The namespace of the OpenDocument manifest. */
    static final String OPEN_DOCUMENT_NS = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0";
    /** The namespace of the ASiC manifest as X-Road writes it (note {@code 2918}, not {@code 02918}). */
    static final String ASIC_NS = "http://uri.etsi.org/2918/v1.2.1#";
    /** The OpenDocument manifest's path for the container itself. */
    static final String ROOT = "/";
    /** The ASiC manifest's {@code MimeType} for the time-stamp token. */
    static final String TIMESTAMP_MIME_TYPE = "vnd.etsi.timestamp-token";

    private Manifests() {
    }

    /** One {@code manifest:file-entry}: a path and its media type. */
    record FileEntry(String path, String mediaType) {
    }

    /** The OpenDocument manifest listing {@code xmlFiles} (as XML) and {@code attachments} attachments. */
    static byte[] openDocument(List<String> xmlFiles, int attachments) {
        var entries = new ArrayList<FileEntry>();
        entries.add(new FileEntry(ROOT, AsicEntries.MIMETYPE));
        xmlFiles.forEach(f -> entries.add(new FileEntry(f, TEXT_XML)));
        for (int i = 1; i <= attachments; i++) {
            entries.add(new FileEntry(AsicEntries.ATTACHMENT + i, BINARY));
        }
        return openDocument(entries);
    }

    /** The OpenDocument manifest listing {@code entries} in this order, in X-Road's layout. */
    static byte[] openDocument(List<FileEntry> entries) {
        var b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<manifest:manifest xmlns:manifest=\"").append(OPEN_DOCUMENT_NS).append('"')
                .append(" manifest:version=\"1.2\">\n");
        entries.forEach(e -> b.append("    <manifest:file-entry manifest:media-type=\"").append(e.mediaType())
                .append("\" manifest:full-path=\"").append(e.path()).append("\"/>\n"));
        b.append("</manifest:manifest>\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The media type X-Road writes for a container entry in the OpenDocument manifest, or empty for a name
     * X-Road never lists (anything under {@code META-INF/}, unknown files).
     */
    static Optional<String> mediaType(String path) {
        if (path.equals(ROOT)) {
            return Optional.of(AsicEntries.MIMETYPE);
        }
        if (XML_FILES.contains(path)) {
            return Optional.of(TEXT_XML);
        }
        return ATTACHMENT.matcher(path).matches() ? Optional.of(BINARY) : Optional.empty();
    }

    /** The ASiC manifest binding {@code META-INF/timestamp.tst} to {@code ts-hashchainresult.xml}. */
    static byte[] asic(byte[] tsHashChainResult) {
        DigestAlgorithm alg = DigestAlgorithm.SHA512;
        String s = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<asic:ASiCManifest xmlns:asic=\"" + ASIC_NS + "\""
                + " xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">\n"
                + "<asic:SigReference URI=\"" + AsicEntries.TIMESTAMP + "\" MimeType=\"" + TIMESTAMP_MIME_TYPE + "\"/>\n"
                + "<asic:DataObjectReference URI=\"" + AsicEntries.TS_HASH_CHAIN_RESULT + "\" MimeType=\"" + TEXT_XML + "\">\n"
                + "<ds:DigestMethod Algorithm=\"" + alg.uri() + "\" />\n"
                + "<ds:DigestValue>" + alg.base64Digest(tsHashChainResult) + "</ds:DigestValue>\n"
                + "</asic:DataObjectReference>\n"
                + "</asic:ASiCManifest>";
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
