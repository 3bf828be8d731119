package org.sild.core.pki;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * PEM (RFC 7468) reading and writing for certificates and certification requests.
 *
 * <p>Reading is lenient where X-Road's own files are: text outside the BEGIN/END blocks is ignored
 * (OpenSSL writes a readable dump before the block), and a file with no BEGIN line at all is read
 * as bare base64 of one certificate. Writing uses 64-character lines and {@code \n}. Input is bounded
 * ({@link #MAX_TEXT_LENGTH}, {@link #MAX_BLOCKS}). Stateless and thread-safe.
 */
public final class Pem {

    /** Longest PEM text accepted, in characters. */
    public static final int MAX_TEXT_LENGTH = 1024 * 1024;
    /** Most PEM blocks read from one text. */
    public static final int MAX_BLOCKS = 256;

    public static final String CERTIFICATE = "CERTIFICATE";
    /** OpenSSL's label for a certificate followed by trust settings (read; the trust settings are ignored). */
    public static final String TRUSTED_CERTIFICATE = "TRUSTED CERTIFICATE";
    public static final String CERTIFICATE_REQUEST = "CERTIFICATE REQUEST";
    /** The label older tools (Netscape, some CAs) put on PKCS#10 requests. */
    public static final String NEW_CERTIFICATE_REQUEST = "NEW CERTIFICATE REQUEST";

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END ([A-Z0-9 ]+)-----");
    private static final int LINE = 64;

    private Pem() {
    }

    /**
     * The DER contents of every block labelled {@code label}, in order.
     *
     * @throws XRoadException {@code IncorrectCertificate} when a block is malformed or the input too large
     */
    public static List<byte[]> decode(String text, String label) {
        return blocks(text, List.of(label)).stream().map(Block::der).toList();
    }

    /**
     * Every certificate in {@code text} (blocks labelled {@value #CERTIFICATE} or
     * {@value #TRUSTED_CERTIFICATE}); an empty list when there is none.
     *
     * @throws XRoadException {@code IncorrectCertificate} when a block or certificate is malformed
     */
    public static List<X509Certificate> readCertificates(String text) {
        var certs = new ArrayList<X509Certificate>();
        List<Block> blocks = blocks(text, List.of(CERTIFICATE, TRUSTED_CERTIFICATE));
        if (blocks.isEmpty() && !text.contains("-----BEGIN") && !text.isBlank()) {
            blocks = List.of(new Block(CERTIFICATE, bareBase64(text)));
        }
        for (Block block : blocks) {
            byte[] der = block.label().equals(TRUSTED_CERTIFICATE) ? leadingElement(block.der()) : block.der();
            certs.add(Certificates.parseDer(der));
        }
        return certs;
    }

    /**
     * Exactly one certificate from {@code text}.
     *
     * @throws XRoadException {@code IncorrectCertificate} when there is not exactly one
     */
    public static X509Certificate readCertificate(String text) {
        List<X509Certificate> certs = readCertificates(text);
        if (certs.size() != 1) {
            throw new XRoadException(ErrorCode.INCORRECT_CERTIFICATE,
                    "Expected one PEM certificate, found " + certs.size());
        }
        return certs.get(0);
    }

    /** {@code certificate} as a PEM block. */
    public static String writeCertificate(X509Certificate certificate) {
        return encode(CERTIFICATE, Certificates.encoded(certificate));
    }

    /** The certificates as consecutive PEM blocks, in order. */
    public static String writeCertificates(List<X509Certificate> certificates) {
        var out = new StringBuilder();
        for (X509Certificate c : certificates) {
            out.append(writeCertificate(c));
        }
        return out.toString();
    }

    /**
     * The DER of the one certification request in {@code text} (label {@value #CERTIFICATE_REQUEST}
     * or {@value #NEW_CERTIFICATE_REQUEST}).
     *
     * @throws XRoadException {@code IncorrectCertificate} when there is not exactly one
     */
    public static byte[] readCertificationRequest(String text) {
        List<Block> blocks = blocks(text, List.of(CERTIFICATE_REQUEST, NEW_CERTIFICATE_REQUEST));
        if (blocks.size() != 1) {
            throw new XRoadException(ErrorCode.INCORRECT_CERTIFICATE,
                    "Expected one PEM certificate request, found " + blocks.size());
        }
        return blocks.get(0).der();
    }

    /** A DER certification request as a PEM block labelled {@value #CERTIFICATE_REQUEST}. */
    public static String writeCertificationRequest(byte[] der) {
        return encode(CERTIFICATE_REQUEST, der);
    }

    /** {@code der} as a PEM block labelled {@code label}, ending with a newline. */
    public static String encode(String label, byte[] der) {
        String b64 = Base64.getEncoder().encodeToString(der);
        var out = new StringBuilder(b64.length() + b64.length() / LINE + 64);
        out.append("-----BEGIN ").append(label).append("-----\n");
        for (int i = 0; i < b64.length(); i += LINE) {
            out.append(b64, i, Math.min(b64.length(), i + LINE)).append('\n');
        }
        out.append("-----END ").append(label).append("-----\n");
        return out.toString();
    }

    private static List<Block> blocks(String text, List<String> labels) {
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new XRoadException(ErrorCode.INCORRECT_CERTIFICATE,
                    "PEM text of " + text.length() + " characters exceeds the limit of " + MAX_TEXT_LENGTH);
        }
        var result = new ArrayList<Block>();
        Matcher m = BLOCK.matcher(text);
        int blocks = 0;
        while (m.find()) {
            if (++blocks > MAX_BLOCKS) {
                throw new XRoadException(ErrorCode.INCORRECT_CERTIFICATE, "More than " + MAX_BLOCKS + " PEM blocks");
            }
            if (!m.group(1).equals(m.group(3))) {
                throw new XRoadException(ErrorCode.INCORRECT_CERTIFICATE,
                        "PEM block BEGIN " + m.group(1) + " ends with END " + m.group(3));
            }
            if (labels.contains(m.group(1))) {
                result.add(new Block(m.group(1), base64(m.group(2), m.group(1))));
            }
        }
        return result;
    }

    /**
     * The first DER element of {@code der}: all of it for a certificate, the certificate without the
     * trust settings that follow it in a {@value #TRUSTED_CERTIFICATE} block.
     */
    private static byte[] leadingElement(byte[] der) {
        if (der.length < 2) {
            return der;
        }
        int first = der[1] & 0xff;
        long length;
        int header;
        if (first < 0x80) {
            length = first;
            header = 2;
        } else {
            int count = first & 0x7f;
            if (count == 0 || count > 4 || der.length < 2 + count) {
                return der;
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (der[2 + i] & 0xff);
            }
            header = 2 + count;
        }
        long total = header + length;
        return total < der.length ? Arrays.copyOf(der, (int) total) : der;
    }

    private static byte[] bareBase64(String text) {
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new XRoadException(ErrorCode.INCORRECT_CERTIFICATE, "PEM text too long");
        }
        return base64(text, "bare base64");
    }

    private static byte[] base64(String body, String what) {
        try {
            return Base64.getMimeDecoder().decode(body.strip());
        } catch (IllegalArgumentException e) {
            throw new XRoadException(ErrorCode.INCORRECT_CERTIFICATE, "Malformed base64 in PEM " + what, e);
        }
    }

    private record Block(String label, byte[] der) {
    }
}
