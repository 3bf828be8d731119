package org.sild.core.hashchain;

import java.util.ArrayList;
import java.util.List;

/**
 * The output of {@link HashChainBuilder}: one {@code HashChainResult} document for the whole batch and one
 * {@code HashChain} document per input, in input order.
 *
 * <p>Immutable; the documents are UTF-8 bytes exactly as they are to be signed, sent and stored.
 */
public final class HashChains {

    private final byte[] resultXml;
    private final List<byte[]> chainXmls;
    private final Digest root;

    HashChains(byte[] resultXml, List<byte[]> chainXmls, Digest root) {
        this.resultXml = resultXml.clone();
        var copies = new ArrayList<byte[]>(chainXmls.size());
        chainXmls.forEach(c -> copies.add(c.clone()));
        this.chainXmls = List.copyOf(copies);
        this.root = root;
    }

    /** The {@code HashChainResult} document (what a batch signature or batch time-stamp covers). */
    public byte[] resultXml() {
        return resultXml.clone();
    }

    /** The {@code HashChain} document of input {@code index} (from 0). */
    public byte[] chainXml(int index) {
        return chainXmls.get(index).clone();
    }

    /** How many inputs (and chains) there are. */
    public int size() {
        return chainXmls.size();
    }

    /** The digest in the result: the top of the Merkle tree. */
    public Digest root() {
        return root;
    }
}
