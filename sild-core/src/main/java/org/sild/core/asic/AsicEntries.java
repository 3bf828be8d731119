package org.sild.core.asic;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * The entries of a container as read from its ZIP, byte for byte, under their canonical names, with the
 * structure checks of X-Road's {@code AsicHelper}.
 *
 * <p>Names are matched ignoring case; any {@code META-INF/*signatures*.xml} is the signature; entries
 * {@code attachmentN} are attachments; other entries are kept under their own names (a hash chain may
 * refer to them) but are otherwise ignored.
 */
final class AsicEntries {

    static final String MIMETYPE = "application/vnd.etsi.asic-e+zip";
    static final String MIMETYPE_ENTRY = "mimetype";
    static final String MESSAGE = "message.xml";
    static final String SIGNATURE = "META-INF/signatures.xml";
    static final String SIG_HASH_CHAIN_RESULT = "sig-hashchainresult.xml";
    static final String SIG_HASH_CHAIN = "sig-hashchain.xml";
    static final String TS_HASH_CHAIN_RESULT = "ts-hashchainresult.xml";
    static final String TS_HASH_CHAIN = "ts-hashchain.xml";
    static final String MANIFEST = "META-INF/manifest.xml";
    static final String ASIC_MANIFEST = "META-INF/ASiCManifest.xml";
    static final String TIMESTAMP = "META-INF/timestamp.tst";
    static final String ATTACHMENT = "attachment";
    static final String META_INF = "META-INF/";

    private static final List<String> KNOWN = List.of(MIMETYPE_ENTRY, MESSAGE, SIG_HASH_CHAIN_RESULT,
            SIG_HASH_CHAIN, TS_HASH_CHAIN_RESULT, TS_HASH_CHAIN, MANIFEST, ASIC_MANIFEST, TIMESTAMP);
    private static final Pattern SIGNATURE_NAME = Pattern.compile("META-INF/.*signatures.*\\.xml",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTACHMENT_NAME = Pattern.compile("attachment([1-9][0-9]{0,5})",
            Pattern.CASE_INSENSITIVE);

    private final Map<String, byte[]> known = new LinkedHashMap<>();
    private final TreeMap<Integer, byte[]> attachments = new TreeMap<>();
    private final Map<String, byte[]> others = new LinkedHashMap<>();
    private Instant time = Instant.EPOCH;

    private AsicEntries() {
    }

    /** Reads and structure-checks a container. */
    static AsicEntries read(InputStream in, AsicLimits limits) {
        var entries = new AsicEntries();
        ZipEntries.read(in, limits, "ASiC container", ErrorCode.ASIC_INVALID_CONTAINER, entries::add);
        entries.check();
        return entries;
    }

    private void add(ZipEntries.Entry e) {
        String name = e.name().startsWith("/") ? e.name().substring(1) : e.name();
        String canonical = canonical(name);
        if (canonical.equals(MESSAGE) || (canonical.equals(MIMETYPE_ENTRY) && time.equals(Instant.EPOCH))) {
            e.modified().ifPresent(t -> time = t);
        }
        var m = ATTACHMENT_NAME.matcher(name);
        byte[] previous;
        if (KNOWN.contains(canonical) || SIGNATURE.equals(canonical)) {
            previous = known.putIfAbsent(canonical, e.data());
        } else if (m.matches()) {
            previous = attachments.putIfAbsent(Integer.parseInt(m.group(1)), e.data());
        } else {
            previous = others.putIfAbsent(name.toLowerCase(Locale.ROOT), e.data());
        }
        if (previous != null) {
            throw new XRoadException(ErrorCode.ASIC_INVALID_CONTAINER,
                    "ASiC container has more than one entry named '" + e.name() + "'");
        }
    }

    private static String canonical(String name) {
        for (String k : KNOWN) {
            if (k.equalsIgnoreCase(name)) {
                return k;
            }
        }
        return SIGNATURE_NAME.matcher(name).matches() ? SIGNATURE : name;
    }

    private void check() {
        Optional<byte[]> mime = get(MIMETYPE_ENTRY);
        if (blank(mime)) {
            throw notFound(ErrorCode.ASIC_MIME_TYPE_NOT_FOUND, MIMETYPE_ENTRY);
        }
        String type = new String(mime.get(), java.nio.charset.StandardCharsets.UTF_8);
        if (!MIMETYPE.equalsIgnoreCase(type)) {
            throw new XRoadException(ErrorCode.ASIC_INVALID_MIME_TYPE, "Invalid mime type: " + printable(type));
        }
        if (blank(get(MESSAGE))) {
            throw notFound(ErrorCode.ASIC_MESSAGE_NOT_FOUND, MESSAGE);
        }
        if (blank(get(SIGNATURE))) {
            throw notFound(ErrorCode.ASIC_SIGNATURE_NOT_FOUND, SIGNATURE);
        }
        checkPair(SIG_HASH_CHAIN_RESULT, SIG_HASH_CHAIN);
        if (get(TIMESTAMP).isPresent() && blank(get(TIMESTAMP))) {
            throw notFound(ErrorCode.ASIC_TIMESTAMP_NOT_FOUND, TIMESTAMP);
        }
        checkPair(TS_HASH_CHAIN_RESULT, TS_HASH_CHAIN);
        for (String manifest : List.of(MANIFEST, ASIC_MANIFEST)) {
            if (get(manifest).isPresent() && blank(get(manifest))) {
                throw notFound(ErrorCode.ASIC_MANIFEST_NOT_FOUND, manifest);
            }
        }
        if (!attachments.isEmpty() && attachments.lastKey() != attachments.size()) {
            throw new XRoadException(ErrorCode.ASIC_INVALID_CONTAINER, "ASiC container attachments are not numbered "
                    + "attachment1 to attachment" + attachments.size() + ": found " + attachments.keySet());
        }
    }

    private void checkPair(String resultName, String chainName) {
        boolean noResult = blank(get(resultName));
        boolean noChain = blank(get(chainName));
        if (noResult && !noChain) {
            throw notFound(ErrorCode.ASIC_HASH_CHAIN_RESULT_NOT_FOUND, resultName);
        }
        if (noChain && !noResult) {
            throw notFound(ErrorCode.ASIC_HASH_CHAIN_NOT_FOUND, chainName);
        }
    }

    /** A well-known entry by canonical name, or an attachment or other entry by name; a leading slash is ignored. */
    Optional<byte[]> get(String name) {
        String n = name.startsWith("/") ? name.substring(1) : name;
        String canonical = canonical(n);
        byte[] data = known.get(canonical);
        if (data == null) {
            var m = ATTACHMENT_NAME.matcher(n);
            data = m.matches() ? attachments.get(Integer.parseInt(m.group(1))) : others.get(n.toLowerCase(Locale.ROOT));
        }
        return Optional.ofNullable(data).map(byte[]::clone);
    }

    /** The names of all entries outside {@code META-INF/}: canonical names, {@code attachmentN}, others in lower case. */
    Set<String> dataEntryNames() {
        var names = new TreeSet<String>();
        known.keySet().stream().filter(n -> !n.startsWith(META_INF) && !n.equals(MIMETYPE_ENTRY)).forEach(names::add);
        attachments.keySet().forEach(n -> names.add(ATTACHMENT + n));
        others.keySet().stream().filter(n -> !n.startsWith(META_INF.toLowerCase(Locale.ROOT))).forEach(names::add);
        return names;
    }

    /** The attachments in order. */
    List<byte[]> attachments() {
        var list = new ArrayList<byte[]>(attachments.size());
        attachments.values().forEach(a -> list.add(a.clone()));
        return list;
    }

    /** The modification time of the message entry (else of the mimetype entry, else the epoch). */
    Instant time() {
        return time;
    }

    static boolean blank(Optional<byte[]> data) {
        if (data.isEmpty()) {
            return true;
        }
        for (byte b : data.get()) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != '\f' && b != 0x0b) {
                return false;
            }
        }
        return true;
    }

    static XRoadException notFound(ErrorCode code, String entry) {
        return new XRoadException(code, entry + " not found or is empty");
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
