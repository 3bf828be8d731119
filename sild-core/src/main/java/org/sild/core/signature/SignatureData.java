package org.sild.core.signature;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A message signature as X-Road carries and logs it: the signature XML and, for a batch or multi-part
 * signature, the {@code HashChainResult} it signs and this message's {@code HashChain}.
 *
 * <p>These are the transport parts {@code signature/bdoc-1.0/ts}, {@code application/hash-chain-result}
 * and {@code application/hash-chain}, and the message log's signature columns. Immutable; the bytes are
 * UTF-8 XML exactly as signed.
 */
public record SignatureData(byte[] signatureXml, Optional<byte[]> hashChainResult, Optional<byte[]> hashChain) {

    public SignatureData {
        signatureXml = Objects.requireNonNull(signatureXml, "signatureXml").clone();
        hashChainResult = hashChainResult.map(byte[]::clone);
        hashChain = hashChain.map(byte[]::clone);
        if (hashChainResult.isPresent() != hashChain.isPresent()) {
            throw new IllegalArgumentException("hash chain result and hash chain come together");
        }
    }

    /** A signature that references the message directly. */
    public static SignatureData of(byte[] signatureXml) {
        return new SignatureData(signatureXml, Optional.empty(), Optional.empty());
    }

    /** A signature over a hash chain result, with this message's chain. */
    public static SignatureData batch(byte[] signatureXml, byte[] hashChainResult, byte[] hashChain) {
        return new SignatureData(signatureXml, Optional.of(hashChainResult), Optional.of(hashChain));
    }

    @Override
    public byte[] signatureXml() {
        return signatureXml.clone();
    }

    @Override
    public Optional<byte[]> hashChainResult() {
        return hashChainResult.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> hashChain() {
        return hashChain.map(byte[]::clone);
    }

    /** Whether this signature came with hash chain documents. */
    public boolean hasHashChain() {
        return hashChainResult.isPresent();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignatureData d && Arrays.equals(signatureXml, d.signatureXml)
                && same(hashChainResult, d.hashChainResult) && same(hashChain, d.hashChain);
    }

    private static boolean same(Optional<byte[]> a, Optional<byte[]> b) {
        return a.isPresent() == b.isPresent() && (a.isEmpty() || Arrays.equals(a.get(), b.get()));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signatureXml);
    }

    @Override
    public String toString() {
        return "SignatureData[" + signatureXml.length + " bytes" + (hasHashChain() ? ", with hash chain]" : "]");
    }
}
