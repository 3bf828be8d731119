package org.sild.core.asic;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.xml.SafeXml;

/**
 * Checks a container's two manifests, which X-Road writes but never verifies, so that no byte of them can
 * change unnoticed.
 *
 * <p>{@code META-INF/manifest.xml} must list the root ({@code /}) and every entry outside {@code META-INF/}
 * that verification uses, each once, with the media type X-Road writes, and nothing the container lacks or
 * X-Road never lists. Entries the verification ignores (a signature hash chain the signature does not
 * reference, files of unknown names) may be left out, as in X-Road's {@code invalid-not-signed-hashchain}
 * vector. The listed order is free (older X-Road versions wrote it in hash order); everything else must be
 * X-Road's layout byte for byte. {@code META-INF/ASiCManifest.xml} must be present exactly when the
 * container has a batch time-stamp and must be exactly what X-Road writes for it: {@code META-INF/timestamp.tst}
 * bound to the SHA-512 digest of {@code ts-hashchainresult.xml}.
 *
 * <p>Faults: {@code AsicManifestNotFound} for a missing manifest, {@code MalformedSignature} for one that does
 * not match the container, with a message naming the entry and the mismatch. Stateless.
 */
final class ManifestCheck {

    private static final int MAX_FILE_ENTRIES = 1000;

    private ManifestCheck() {
    }

    /** Checks both manifests; {@code signatureHashChainUsed} says whether the signature covers the hash chain. */
    static void check(AsicEntries entries, boolean signatureHashChainUsed, boolean batchTimeStamp) {
        checkOpenDocument(entries, signatureHashChainUsed);
        checkAsic(entries, batchTimeStamp);
    }

    private static void checkOpenDocument(AsicEntries entries, boolean signatureHashChainUsed) {
        byte[] manifest = entries.get(AsicEntries.MANIFEST).orElseThrow(() ->
                AsicEntries.notFound(ErrorCode.ASIC_MANIFEST_NOT_FOUND, AsicEntries.MANIFEST));
        List<Manifests.FileEntry> listed = fileEntries(manifest);
        Set<String> present = entries.dataEntryNames();
        var seen = new HashSet<String>();
        for (Manifests.FileEntry e : listed) {
            if (!seen.add(e.path())) {
                throw mismatch(AsicEntries.MANIFEST, "lists '" + e.path() + "' more than once");
            }
            String expected = Manifests.mediaType(e.path()).orElseThrow(() -> mismatch(AsicEntries.MANIFEST,
                    "lists '" + e.path() + "', which is no container entry X-Road lists"));
            if (!e.path().equals(Manifests.ROOT) && !present.contains(e.path())) {
                throw mismatch(AsicEntries.MANIFEST, "lists '" + e.path() + "', which the container does not have");
            }
            if (!expected.equals(e.mediaType())) {
                throw mismatch(AsicEntries.MANIFEST, "gives '" + e.path() + "' the media type '" + e.mediaType()
                        + "' where X-Road writes '" + expected + "'");
            }
        }
        var required = new TreeSet<String>();
        required.add(Manifests.ROOT);
        for (String name : present) {
            boolean ignored = Manifests.mediaType(name).isEmpty() || (!signatureHashChainUsed
                    && (name.equals(AsicEntries.SIG_HASH_CHAIN_RESULT) || name.equals(AsicEntries.SIG_HASH_CHAIN)));
            if (!ignored) {
                required.add(name);
            }
        }
        required.removeAll(seen);
        if (!required.isEmpty()) {
            throw mismatch(AsicEntries.MANIFEST, "does not list " + required + " of the container");
        }
        requireLayout(AsicEntries.MANIFEST, manifest, Manifests.openDocument(listed));
    }

    private static void checkAsic(AsicEntries entries, boolean batchTimeStamp) {
        var manifest = entries.get(AsicEntries.ASIC_MANIFEST);
        if (!batchTimeStamp) {
            if (manifest.isPresent()) {
                throw mismatch(AsicEntries.ASIC_MANIFEST, "is present but the container has no batch time-stamp ("
                        + AsicEntries.TS_HASH_CHAIN_RESULT + ")");
            }
            return;
        }
        byte[] actual = manifest.orElseThrow(() ->
                AsicEntries.notFound(ErrorCode.ASIC_MANIFEST_NOT_FOUND, AsicEntries.ASIC_MANIFEST));
        byte[] result = entries.get(AsicEntries.TS_HASH_CHAIN_RESULT).orElseThrow();
        Map<String, String> values = asicValues(actual);
        expect(values, "SigReference@URI", AsicEntries.TIMESTAMP);
        expect(values, "DataObjectReference@URI", AsicEntries.TS_HASH_CHAIN_RESULT);
        expect(values, "DigestMethod@Algorithm", DigestAlgorithm.SHA512.uri());
        String digest = DigestAlgorithm.SHA512.base64Digest(result);
        if (!digest.equals(values.getOrDefault("DigestValue", "").strip())) {
            throw mismatch(AsicEntries.ASIC_MANIFEST, "states the digest " + values.get("DigestValue") + " for "
                    + AsicEntries.TS_HASH_CHAIN_RESULT + ", whose SHA-512 digest is " + digest);
        }
        requireLayout(AsicEntries.ASIC_MANIFEST, actual, Manifests.asic(result));
    }

    private static void expect(Map<String, String> values, String key, String expected) {
        String actual = values.get(key);
        if (!expected.equals(actual)) {
            throw mismatch(AsicEntries.ASIC_MANIFEST, "has " + key.replace('@', ' ') + " '" + actual
                    + "' where X-Road writes '" + expected + "'");
        }
    }

    private static void requireLayout(String entry, byte[] actual, byte[] expected) {
        int n = Math.min(actual.length, expected.length);
        int at = 0;
        while (at < n && actual[at] == expected[at]) {
            at++;
        }
        if (at < n || actual.length != expected.length) {
            throw mismatch(entry, "is not in X-Road's layout: it differs from the expected " + expected.length
                    + " bytes at byte " + at + " (of " + actual.length + ")");
        }
    }

    private static List<Manifests.FileEntry> fileEntries(byte[] manifest) {
        var list = new ArrayList<Manifests.FileEntry>();
        walk(AsicEntries.MANIFEST, manifest, (r, depth) -> {
            String name = r.getLocalName();
            if (!Manifests.OPEN_DOCUMENT_NS.equals(r.getNamespaceURI())
                    || !(depth == 1 ? name.equals("manifest") : depth == 2 && name.equals("file-entry"))) {
                throw mismatch(AsicEntries.MANIFEST, "has the unexpected element {" + r.getNamespaceURI() + "}"
                        + name);
            }
            if (depth == 2) {
                if (list.size() == MAX_FILE_ENTRIES) {
                    throw mismatch(AsicEntries.MANIFEST, "lists more than " + MAX_FILE_ENTRIES + " entries");
                }
                list.add(new Manifests.FileEntry(attribute(r, "full-path"), attribute(r, "media-type")));
            }
            return false;
        });
        return list;
    }

    private static String attribute(XMLStreamReader r, String name) {
        String value = r.getAttributeValue(Manifests.OPEN_DOCUMENT_NS, name);
        if (value == null) {
            throw mismatch(AsicEntries.MANIFEST, "has a file-entry without manifest:" + name);
        }
        return value;
    }

    /** The ASiC manifest's attributes as {@code Element@attribute} and the DigestValue text. */
    private static Map<String, String> asicValues(byte[] manifest) {
        var values = new LinkedHashMap<String, String>();
        walk(AsicEntries.ASIC_MANIFEST, manifest, (r, depth) -> {
            for (int i = 0; i < r.getAttributeCount(); i++) {
                values.putIfAbsent(r.getLocalName() + "@" + r.getAttributeLocalName(i), r.getAttributeValue(i));
            }
            if (r.getLocalName().equals("DigestValue")) {
                values.putIfAbsent("DigestValue", r.getElementText());
                return true;
            }
            return false;
        });
        return values;
    }

    @FunctionalInterface
    private interface Visitor {
        /** Called at each start element; returns whether it read on to the element's end (getElementText). */
        boolean start(XMLStreamReader reader, int depth) throws XMLStreamException;
    }

    private static void walk(String entry, byte[] xml, Visitor visitor) {
        try {
            XMLStreamReader r = SafeXml.reader(new ByteArrayInputStream(xml));
            try {
                int depth = 0;
                while (r.hasNext()) {
                    int event = r.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        depth++;
                        if (visitor.start(r, depth)) {
                            depth--;
                        }
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        depth--;
                    }
                }
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw mismatch(entry, "is not well-formed XML: " + e.getMessage());
        }
    }

    private static XRoadException mismatch(String entry, String what) {
        return new XRoadException(ErrorCode.MALFORMED_SIGNATURE, entry + " " + what);
    }
}
