package org.sild.core.soap;

/**
 * Bounds on what {@link SoapParser} accepts from the network.
 *
 * @param maxSoapBytes the largest SOAP envelope (a {@code text/xml} body or the SOAP part of a
 *     package), in bytes; it is held in memory because it is signed, hashed and logged
 * @param maxHeaderElements the most child elements of {@code SOAP-ENV:Header}
 * @param maxAttachments the most attachment parts of a SOAP package
 */
public record SoapLimits(int maxSoapBytes, int maxHeaderElements, int maxAttachments) {

    /** Header elements accepted by {@link #withMaxSoapBytes}: far more than any real message has. */
    public static final int DEFAULT_MAX_HEADER_ELEMENTS = 100;
    /** Attachments accepted by {@link #withMaxSoapBytes}. */
    public static final int DEFAULT_MAX_ATTACHMENTS = 1000;

    public SoapLimits {
        if (maxSoapBytes <= 0 || maxHeaderElements <= 0 || maxAttachments < 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxSoapBytes + ", "
                    + maxHeaderElements + ", " + maxAttachments);
        }
    }

    /** The given envelope size with the default header and attachment counts. */
    public static SoapLimits withMaxSoapBytes(int maxSoapBytes) {
        return new SoapLimits(maxSoapBytes, DEFAULT_MAX_HEADER_ELEMENTS, DEFAULT_MAX_ATTACHMENTS);
    }
}
