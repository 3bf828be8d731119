package org.sild.core.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/** Reading the small transport parts that are held in memory. */
final class Parts {

    private Parts() {
    }

    /**
     * Reads all of {@code in}, at most {@code max} bytes.
     *
     * @throws XRoadException {@code IOError} when the part is larger, as X-Road caps its parts
     */
    static byte[] readBounded(InputStream in, int max, String what) throws IOException {
        var out = new ByteArrayOutputStream(Math.min(max, 8192));
        var buf = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            total += n;
            if (total > max) {
                throw new XRoadException(ErrorCode.IO_ERROR, what + " is larger than " + max + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * Checks that {@code der} is one DER-encoded OCSPResponse (RFC 6960) and nothing else; the
     * response is verified later by its consumer.
     *
     * @throws XRoadException {@code IOError}, as X-Road reports an unreadable OCSP part
     */
    static byte[] checkOcspResponse(byte[] der, String what) {
        try {
            OCSPResponse.getInstance(ASN1Primitive.fromByteArray(der));
            return der;
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            throw new XRoadException(ErrorCode.IO_ERROR, what + " is not a DER OCSP response: " + e.getMessage());
        }
    }
}
