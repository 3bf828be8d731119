package org.sild.core.hashchain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.hashchain.ChainModel.Chain;
import org.sild.core.hashchain.ChainModel.DataRef;
import org.sild.core.hashchain.ChainModel.HashValue;
import org.sild.core.hashchain.ChainModel.Result;
import org.sild.core.hashchain.ChainModel.Step;
import org.sild.core.hashchain.ChainModel.StepRef;
import org.sild.core.hashchain.ChainModel.Value;

/**
 * Builds X-Road hash chains: a binary Merkle tree over a batch of inputs, the {@code HashChainResult} for
 * its top and, for every input, the {@code HashChain} that leads from the top to that input.
 *
 * <p>The tree follows X-Road's {@code HashChainBuilder}: the leaves are padded to a power of two, a parent
 * is H(DigestList(left, right)), and a node whose right subtree is empty is its left child promoted
 * unchanged. An input with attachments is one leaf whose value is H(DigestList(message, attachment1, …));
 * its chain ends with a step listing {@code DataRef}s to {@code /message.xml}, {@code /attachment1}, ….
 *
 * <p>Not thread-safe; one builder makes one batch.
 */
public final class HashChainBuilder {

    /** Largest batch accepted: far above any sensible signing or time-stamping batch. */
    public static final int MAX_INPUTS = 1 << 20;

    private static final String STEP = "STEP";

    private final DigestAlgorithm algorithm;
    private final List<List<Digest>> inputs = new ArrayList<>();

    /** A builder whose tree, and all of whose inputs, use {@code algorithm}. */
    public HashChainBuilder(DigestAlgorithm algorithm) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    }

    /** Adds an input of one part (a message without attachments, or a signature to time-stamp). */
    public HashChainBuilder add(Digest input) {
        return addParts(List.of(input));
    }

    /** Adds an input of several parts: the message first, then its attachments in order. */
    public HashChainBuilder addParts(List<Digest> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("an input needs at least one part");
        }
        if (inputs.size() >= MAX_INPUTS) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "hash chain batch exceeds " + MAX_INPUTS + " inputs");
        }
        for (Digest part : parts) {
            if (part.algorithm() != algorithm) {
                throw new XRoadException(ErrorCode.INTERNAL_ERROR, "hash chain input digest " + part
                        + " does not use the chain's algorithm " + algorithm.jcaName());
            }
        }
        inputs.add(List.copyOf(parts));
        return this;
    }

    /**
     * Builds the result and the chains. A single input must have attachments: a lone message is signed
     * directly, not through a hash chain.
     */
    public HashChains build(HashChainFiles files) {
        if (inputs.isEmpty()) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "hash chain batch has no inputs");
        }
        if (inputs.size() == 1 && inputs.get(0).size() == 1) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR,
                    "a hash chain needs two inputs or one input with attachments");
        }
        var tree = new Tree(leaves());
        Digest root = new Digest(algorithm, tree.root());
        byte[] result = HashChainXml.writeResult(new Result(files.chainName() + "#" + STEP + 0,
                algorithm.uri(), root.value()));
        var chains = new ArrayList<byte[]>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            chains.add(HashChainXml.writeChain(chainFor(i, tree, files)));
        }
        return new HashChains(result, chains, root);
    }

    private List<byte[]> leaves() {
        var leaves = new ArrayList<byte[]>(inputs.size());
        for (List<Digest> parts : inputs) {
            leaves.add(parts.size() == 1 ? parts.get(0).value() : DigestList.digest(algorithm, parts));
        }
        return leaves;
    }

    private Chain chainFor(int item, Tree tree, HashChainFiles files) {
        var steps = new ArrayList<Step>();
        boolean multipart = inputs.get(item).size() > 1;
        Range node = tree.effective(new Range(0, tree.width()));
        while (node.size() > 1) {
            Range left = new Range(node.start(), node.size() / 2);
            Range right = new Range(node.start() + node.size() / 2, node.size() / 2);
            boolean mineLeft = item < right.start();
            Range mine = tree.effective(mineLeft ? left : right);
            Value other = new HashValue(Optional.empty(), tree.value(mineLeft ? right : left));
            Value own = mine.size() == 1 && !multipart
                    ? new DataRef(Optional.empty(), List.of(), files.dataRef(), tree.leaf(item))
                    : new StepRef(Optional.empty(), "#" + STEP + (steps.size() + 1));
            steps.add(new Step(STEP + steps.size(), mineLeft ? List.of(own, other) : List.of(other, own)));
            node = mine;
        }
        if (multipart) {
            steps.add(partsStep(STEP + steps.size(), inputs.get(item), files));
        }
        return new Chain(Optional.of(algorithm.uri()), List.copyOf(steps));
    }

    private static Step partsStep(String id, List<Digest> parts, HashChainFiles files) {
        var values = new ArrayList<Value>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            String uri = i == 0 ? files.dataRef() : HashChainFiles.attachment(i);
            values.add(new DataRef(Optional.empty(), List.of(), uri, parts.get(i).value()));
        }
        return new Step(id, List.copyOf(values));
    }

    /** Leaves {@code [start, start + size)} of the padded leaf array. */
    private record Range(int start, int size) {
    }

    /** The Merkle tree over the leaves; values are computed on demand and cached per range. */
    private final class Tree {
        private final List<byte[]> leaves;
        private final int width;
        private final java.util.Map<Range, byte[]> cache = new java.util.HashMap<>();

        Tree(List<byte[]> leaves) {
            this.leaves = leaves;
            int w = 1;
            while (w < leaves.size()) {
                w <<= 1;
            }
            this.width = w;
        }

        int width() {
            return width;
        }

        byte[] leaf(int i) {
            return leaves.get(i);
        }

        byte[] root() {
            return value(new Range(0, width));
        }

        /** Skips down the left side past nodes whose right subtree is empty: they are promoted children. */
        Range effective(Range r) {
            Range e = r;
            while (e.size() > 1 && e.start() + e.size() / 2 >= leaves.size()) {
                e = new Range(e.start(), e.size() / 2);
            }
            return e;
        }

        byte[] value(Range r) {
            Range e = effective(r);
            if (e.size() == 1) {
                return leaves.get(e.start());
            }
            byte[] cached = cache.get(e);
            if (cached != null) {
                return cached;
            }
            int half = e.size() / 2;
            byte[] v = DigestList.digest(algorithm, List.of(
                    new Digest(algorithm, value(new Range(e.start(), half))),
                    new Digest(algorithm, value(new Range(e.start() + half, half)))));
            cache.put(e, v);
            return v;
        }
    }
}
