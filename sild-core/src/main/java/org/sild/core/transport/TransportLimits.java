package org.sild.core.transport;

import java.util.Objects;
import org.sild.core.multipart.MultipartLimits;

/**
 * The bounds a {@link TransportDecoder} enforces. The SOAP envelope, attachments and the REST body
 * are streamed and unbounded here (their consumer bounds them); the parts that are held in memory
 * are bounded, and exceeding a bound is {@code IOError}, as X-Road reports its part size caps.
 * Immutable; build with {@link #builder()}.
 *
 * @param maxOcspResponses most {@code application/ocsp-response} parts (a certificate chain)
 * @param maxOcspResponseBytes largest OCSP response
 * @param maxRestHeaderBytes largest REST header part
 * @param maxHashChainBytes largest hash chain or hash chain result part
 * @param maxSignatureBytes largest signature part
 * @param maxFaultBytes largest SOAP fault part or fault-only body
 * @param multipart bounds on the MIME structure, for the message and for nested attachments
 */
public record TransportLimits(
        int maxOcspResponses,
        int maxOcspResponseBytes,
        int maxRestHeaderBytes,
        int maxHashChainBytes,
        int maxSignatureBytes,
        int maxFaultBytes,
        MultipartLimits multipart) {

    /** 16 OCSP responses of 256 KiB, 1 MiB REST header, hash chain and fault parts, 4 MiB signature. */
    public static final TransportLimits DEFAULTS = builder().build();

    public TransportLimits {
        positive("maxOcspResponses", maxOcspResponses);
        positive("maxOcspResponseBytes", maxOcspResponseBytes);
        positive("maxRestHeaderBytes", maxRestHeaderBytes);
        positive("maxHashChainBytes", maxHashChainBytes);
        positive("maxSignatureBytes", maxSignatureBytes);
        positive("maxFaultBytes", maxFaultBytes);
        Objects.requireNonNull(multipart, "multipart");
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }

    /** Builds {@link TransportLimits}, starting from the defaults; not thread-safe. */
    public static final class Builder {
        private int maxOcspResponses = 16;
        private int maxOcspResponseBytes = 256 * 1024;
        private int maxRestHeaderBytes = 1024 * 1024;
        private int maxHashChainBytes = 1024 * 1024;
        private int maxSignatureBytes = 4 * 1024 * 1024;
        private int maxFaultBytes = 1024 * 1024;
        private MultipartLimits multipart = MultipartLimits.DEFAULTS;

        private Builder() {
        }

        public Builder maxOcspResponses(int value) {
            maxOcspResponses = value;
            return this;
        }

        public Builder maxOcspResponseBytes(int value) {
            maxOcspResponseBytes = value;
            return this;
        }

        public Builder maxRestHeaderBytes(int value) {
            maxRestHeaderBytes = value;
            return this;
        }

        public Builder maxHashChainBytes(int value) {
            maxHashChainBytes = value;
            return this;
        }

        public Builder maxSignatureBytes(int value) {
            maxSignatureBytes = value;
            return this;
        }

        public Builder maxFaultBytes(int value) {
            maxFaultBytes = value;
            return this;
        }

        public Builder multipart(MultipartLimits value) {
            multipart = Objects.requireNonNull(value);
            return this;
        }

        public TransportLimits build() {
            return new TransportLimits(maxOcspResponses, maxOcspResponseBytes, maxRestHeaderBytes,
                    maxHashChainBytes, maxSignatureBytes, maxFaultBytes, multipart);
        }
    }
}
