package org.sild.core.hashchain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.sild.core.crypto.DigestAlgorithm;

/**
 * The value of a hash step: the DER encoding of X-Road's {@code DigestList}.
 *
 * <pre>
 * SingleDigest ::= SEQUENCE { digest OCTET STRING, digestMethod UTF8String, transforms SEQUENCE {} }
 * DigestList   ::= SEQUENCE OF SingleDigest
 * </pre>
 */
final class DigestList {

    private DigestList() {
    }

    /** DER(DigestList(items)); each item's method is its algorithm's XML-DSig URI. */
    static byte[] encode(List<Digest> items) {
        ASN1Encodable[] list = new ASN1Encodable[items.size()];
        for (int i = 0; i < list.length; i++) {
            Digest d = items.get(i);
            list[i] = new DERSequence(new ASN1Encodable[] {
                new DEROctetString(d.value()), new DERUTF8String(d.algorithm().uri()), new DERSequence()});
        }
        try {
            return new DERSequence(list).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException("DER encoding to memory failed", e);
        }
    }

    /** H(DER(DigestList(items))) with {@code algorithm}: how two tree nodes (or message parts) combine. */
    static byte[] digest(DigestAlgorithm algorithm, List<Digest> items) {
        return algorithm.digest(encode(items));
    }
}
