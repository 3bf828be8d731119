package org.sild.core.hashchain;

import java.util.Objects;

/**
 * The file names a hash chain uses: the result document, the chain document its steps live in, and the
 * data reference of a leaf.
 *
 * <p>X-Road uses two sets: {@link #SIGNATURE} for batch signatures (leaves are {@code /message.xml}, a
 * message's attachments are {@code /attachment1}, …) and {@link #TIMESTAMP} for batch time-stamps (leaves
 * are the signature documents).
 */
public record HashChainFiles(String resultName, String chainName, String dataRef) {

    /** The message part of a signed message. */
    public static final String MESSAGE = "/message.xml";

    /** Batch signatures: {@code /sig-hashchainresult.xml}, {@code /sig-hashchain.xml}, {@code /message.xml}. */
    public static final HashChainFiles SIGNATURE =
            new HashChainFiles("/sig-hashchainresult.xml", "/sig-hashchain.xml", MESSAGE);

    /**
     * Batch time-stamps: {@code /ts-hashchainresult.xml}, {@code /ts-hashchain.xml},
     * {@code /META-INF/signatures.xml}.
     */
    public static final HashChainFiles TIMESTAMP =
            new HashChainFiles("/ts-hashchainresult.xml", "/ts-hashchain.xml", "/META-INF/signatures.xml");

    public HashChainFiles {
        Objects.requireNonNull(resultName, "resultName");
        Objects.requireNonNull(chainName, "chainName");
        Objects.requireNonNull(dataRef, "dataRef");
    }

    /** The name of attachment {@code n} (from 1) of a message: {@code /attachment1}, … */
    public static String attachment(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("attachments are numbered from 1, got " + n);
        }
        return "/attachment" + n;
    }
}
