package org.sild.core.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;

/** Minimal DER OCSP responses for tests that only carry them (their verification is elsewhere). */
final class Ocsp {

    private Ocsp() {
    }

    /** An OCSPResponse with status tryLater and no body: structurally valid DER. */
    static byte[] tryLater() {
        try {
            return new OCSPResponse(new OCSPResponseStatus(OCSPResponseStatus.TRY_LATER), null).getEncoded("DER");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
