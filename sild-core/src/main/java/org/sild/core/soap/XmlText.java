package org.sild.core.soap;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.multipart.ContentType;

/**
 * How SOAP bytes become characters: the charset of the Content-Type wins; without one, a byte
 * order mark or the XML declaration decides, else UTF-8 (PR-MESS §2.6). A leading byte order mark
 * is removed before parsing but stays in the message bytes.
 */
final class XmlText {

    private static final int SNIFF_LENGTH = 256;
    private static final Pattern DECLARED_ENCODING =
            Pattern.compile("^<\\?xml\\s[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");

    private XmlText() {
    }

    /** The charset to decode {@code bytes} with, given their Content-Type. */
    static Charset charset(ContentType contentType, byte[] bytes) {
        Optional<Charset> declared = charsetParameter(contentType);
        if (declared.isPresent()) {
            return declared.get();
        }
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return StandardCharsets.UTF_8;
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return StandardCharsets.UTF_16BE;
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return StandardCharsets.UTF_16LE;
        }
        String head = new String(bytes, 0, Math.min(bytes.length, SNIFF_LENGTH), StandardCharsets.ISO_8859_1);
        Matcher m = DECLARED_ENCODING.matcher(head);
        if (m.find()) {
            try {
                return Charset.forName(m.group(1));
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new XRoadException(ErrorCode.INVALID_SOAP,
                        "the XML declaration names an unsupported encoding '" + m.group(1) + "'");
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** The {@code charset} parameter, if present; an unknown charset is {@code InvalidContentType}. */
    static Optional<Charset> charsetParameter(ContentType contentType) {
        return contentType.charset().filter(name -> !name.isBlank()).map(name -> {
            try {
                return Charset.forName(name.strip());
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new XRoadException(ErrorCode.INVALID_CONTENT_TYPE, "unsupported charset '" + name + "'");
            }
        });
    }

    /**
     * A strict decoder (malformed input is an error, never replaced) that drops a leading byte
     * order mark; {@link BomReader#hadBom()} tells whether there was one.
     */
    static BomReader reader(InputStream in, Charset charset) {
        var decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BomReader(new InputStreamReader(in, decoder));
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** A reader that swallows U+FEFF at the very start. Not thread-safe. */
    static final class BomReader extends Reader {
        private final Reader in;
        private boolean started;
        private boolean hadBom;

        BomReader(Reader in) {
            this.in = in;
        }

        boolean hadBom() {
            return hadBom;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int n = in.read(buf, off, len);
            if (!started && n > 0) {
                started = true;
                if (buf[off] == '\uFEFF') {
                    hadBom = true;
                    System.arraycopy(buf, off + 1, buf, off, n - 1);
                    n--;
                    if (n == 0) {
                        return read(buf, off, len);
                    }
                }
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
