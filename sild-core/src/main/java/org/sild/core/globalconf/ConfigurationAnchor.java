package org.sild.core.globalconf;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;

/**
 * A configuration anchor (PR-GCONF §2.2): the instance and the sources from which its signed
 * configuration is downloaded, with their verification certificates.
 *
 * <p>Immutable. The same structure appears inside private parameters for federated instances.
 */
public record ConfigurationAnchor(Optional<Instant> generatedAt, String instanceIdentifier,
                                  List<ConfigurationSource> sources) {

    /** Largest anchor file accepted, in bytes. */
    public static final int MAX_SIZE = 1024 * 1024;

    public ConfigurationAnchor {
        Objects.requireNonNull(generatedAt);
        Objects.requireNonNull(instanceIdentifier);
        sources = List.copyOf(sources);
    }

    /**
     * Reads an anchor file.
     *
     * @throws org.sild.core.fault.XRoadException {@code MalformedAnchor} naming the bad element
     */
    public static ConfigurationAnchor parse(byte[] xml) {
        var c = XmlCursor.open(xml, "configurationAnchor", ErrorCode.MALFORMED_ANCHOR, "configuration anchor", MAX_SIZE);
        ConfigurationAnchor anchor = AnchorXml.readBody(c);
        c.close();
        return anchor;
    }

    /** The anchor as an XML file, readable by X-Road. */
    public byte[] toXml() {
        var out = new XmlOut("configurationAnchor");
        AnchorXml.writeBody(out, this);
        return out.finish();
    }

    /** Every parseable verification certificate of every source. */
    public List<X509Certificate> verificationCerts() {
        return sources.stream().flatMap(s -> s.certificates().stream()).distinct().toList();
    }

    /**
     * The fingerprint user interfaces show for an anchor file: SHA-224 of the file's bytes in
     * upper-case hex pairs joined by colons ({@code 92:62:34:C5:...}).
     */
    public static String fileHash(byte[] anchorFile) {
        return HexFormat.ofDelimiter(":").formatHex(DigestAlgorithm.SHA224.digest(anchorFile)).toUpperCase(Locale.ROOT);
    }
}
