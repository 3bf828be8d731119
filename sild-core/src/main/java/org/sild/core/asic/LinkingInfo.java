package org.sild.core.asic;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * The {@code linkinginfo} entry of a message log archive (digest 05 §6.1): the previous archive's last
 * digest and file name, the digest algorithm, and for every container in order its cumulative digest.
 *
 * <p>Text form: a first line {@code {prevDigest|-} {prevArchive|-} {ALG}}, then one line
 * {@code {digest} {name}} per container, each ending in {@code \n}. Digests are lower-case hex;
 * {@code d_i = hex(H(UTF-8(d_{i-1} + hex(H(container_i)))))} with {@code d_0} the previous digest
 * ({@code ""} for the first archive of a group). Immutable.
 */
public record LinkingInfo(Optional<String> previousDigest, Optional<String> previousArchive,
        DigestAlgorithm algorithm, List<Link> links) {

    /** One container line: its cumulative digest and its entry name. */
    public record Link(String digest, String name) {
        public Link {
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(name, "name");
        }
    }

    private static final Pattern BLANKS = Pattern.compile("\\s+");

    public LinkingInfo {
        Objects.requireNonNull(previousDigest, "previousDigest");
        Objects.requireNonNull(previousArchive, "previousArchive");
        Objects.requireNonNull(algorithm, "algorithm");
        links = List.copyOf(links);
        for (String s : List.of(previousDigest.orElse("-"), previousArchive.orElse("-"))) {
            checkToken(s);
        }
        links.forEach(l -> {
            checkToken(l.digest());
            checkToken(l.name());
        });
    }

    private static void checkToken(String s) {
        if (s.isEmpty() || BLANKS.matcher(s).find()) {
            throw new IllegalArgumentException("linking info values must be non-empty without blanks: '" + s + "'");
        }
    }

    /** The digest the chain ends with: the last link's, else the previous digest, else {@code ""}. */
    public String lastDigest() {
        return links.isEmpty() ? previousDigest.orElse("") : links.get(links.size() - 1).digest();
    }

    /** The entry text, UTF-8. */
    public byte[] toBytes() {
        var b = new StringBuilder();
        b.append(previousDigest.orElse("-")).append(' ').append(previousArchive.orElse("-")).append(' ')
                .append(algorithm.jcaName()).append('\n');
        links.forEach(l -> b.append(l.digest()).append(' ').append(l.name()).append('\n'));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses the entry text; {@code InvalidLogArchive} when it is not linking information. */
    public static LinkingInfo parse(byte[] text) {
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(text)).toString();
        } catch (CharacterCodingException e) {
            throw invalid("linkinginfo is not UTF-8 text");
        }
        String[] lines = s.split("\r?\n");
        if (lines.length == 0 || lines[0].isBlank()) {
            throw invalid("linkinginfo is empty");
        }
        String[] first = BLANKS.split(lines[0].strip());
        if (first.length != 3) {
            throw invalid("linkinginfo first line must be '{previous digest} {previous archive} {algorithm}', got '"
                    + cut(lines[0]) + "'");
        }
        DigestAlgorithm alg = DigestAlgorithm.byName(first[2])
                .orElseThrow(() -> invalid("linkinginfo names an unknown digest algorithm '" + cut(first[2]) + "'"));
        var links = new ArrayList<Link>(lines.length - 1);
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] parts = BLANKS.split(lines[i].strip());
            if (parts.length != 2) {
                throw invalid("linkinginfo line " + (i + 1) + " must be '{digest} {file name}', got '"
                        + cut(lines[i]) + "'");
            }
            links.add(new Link(parts[0], parts[1]));
        }
        return new LinkingInfo(dash(first[0]), dash(first[1]), alg, links);
    }

    private static Optional<String> dash(String s) {
        return s.equals("-") ? Optional.empty() : Optional.of(s);
    }

    private static String cut(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    static XRoadException invalid(String message) {
        return new XRoadException(ErrorCode.INVALID_LOG_ARCHIVE, message);
    }
}
