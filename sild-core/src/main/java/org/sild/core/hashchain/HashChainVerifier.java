package org.sild.core.hashchain;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
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
 * Verifies that a set of inputs is covered by a {@code HashChainResult}, as X-Road's
 * {@code HashChainVerifier} does.
 *
 * <p>Starting from the result's step, every step's value is recomputed: {@code HashValue}s are taken as
 * stated, {@code StepRef}s are resolved recursively (also into other chain documents) and {@code DataRef}s
 * are taken from the inputs or resolved through the resolver and digested (after their transforms). The
 * digest of the top step must equal the result's digest ({@code InvalidHashChain}), every resolved data
 * reference must match its stated digest ({@code InvalidHashChainRef}) and every input must be referenced
 * ({@code HashChainUnusedInputs}). Documents that do not have the schema's shape, and cycles or chains
 * beyond the bounds, are {@code MalformedHashChain}; an unresolvable URI is {@code InvalidReference}.
 *
 * <p>Immutable and thread-safe once built; each {@link #verify} call is independent.
 */
public final class HashChainVerifier {

    /** Deepest chain of step references followed (a batch of 2^64 messages needs 64). */
    public static final int MAX_DEPTH = 64;
    /** Most steps resolved in one verification. */
    public static final int MAX_STEPS = 1024;
    /** Most values (hash values and references) resolved in one verification. */
    public static final int MAX_VALUES = 10_000;
    /** Most distinct chain documents fetched in one verification. */
    public static final int MAX_DOCUMENTS = 16;

    private final Function<String, Optional<byte[]>> resolver;
    private final Map<String, Optional<Digest>> inputs;
    private final Predicate<String> trustUnresolved;

    private HashChainVerifier(Builder b) {
        this.resolver = b.resolver;
        this.inputs = Map.copyOf(b.inputs);
        this.trustUnresolved = b.trustUnresolved;
    }

    /** A builder; without inputs, a verification only checks the chain's internal consistency. */
    public static Builder builder() {
        return new Builder();
    }

    /** Verifies the inputs against {@code resultXml} (a {@code HashChainResult} document). */
    public HashChainVerification verify(byte[] resultXml) {
        Result result = HashChainXml.readResult(resultXml);
        DigestAlgorithm algorithm = algorithm(result.digestMethod());
        var run = new Run();
        byte[] top = run.stepValue(result.uri(), null, 0);
        if (!MessageDigest.isEqual(algorithm.digest(top), result.digest())) {
            throw new XRoadException(ErrorCode.INVALID_HASH_CHAIN,
                    "hash chain result does not match the hash chain calculation from " + result.uri());
        }
        var unused = new TreeSet<>(inputs.keySet());
        unused.removeAll(run.usedInputs);
        if (!unused.isEmpty()) {
            throw new XRoadException(ErrorCode.HASH_CHAIN_UNUSED_INPUTS,
                    "inputs not referenced by the hash chain: " + String.join(", ", unused));
        }
        return new HashChainVerification(new Digest(algorithm, result.digest()), run.unverified);
    }

    private static DigestAlgorithm algorithm(String uri) {
        return DigestAlgorithm.byUri(uri).orElseThrow(() ->
                HashChainXml.malformed("unsupported digest method " + uri));
    }

    /** The state of one verification. */
    private final class Run {
        private final Map<String, Chain> documents = new HashMap<>();
        private final Map<String, byte[]> stepValues = new HashMap<>();
        private final Set<String> activePath = new HashSet<>();
        private final Set<String> usedInputs = new HashSet<>();
        private final Map<String, Digest> unverified = new LinkedHashMap<>();
        private int steps;
        private int values;

        /** The DER DigestList of the step {@code uri} names, relative to the chain document {@code base}. */
        byte[] stepValue(String uri, String base, int depth) {
            int hash = uri.indexOf('#');
            String documentUri = hash < 0 ? uri : uri.substring(0, hash);
            String fragment = hash < 0 ? "" : uri.substring(hash + 1);
            if (fragment.isEmpty()) {
                throw HashChainXml.malformed("hash step URI '" + uri + "' names no step");
            }
            if (documentUri.isEmpty()) {
                if (base == null) {
                    throw HashChainXml.malformed("hash step URI '" + uri + "' names no chain document");
                }
                documentUri = base;
            }
            String key = documentUri + "#" + fragment;
            byte[] known = stepValues.get(key);
            if (known != null) {
                return known;
            }
            if (activePath.contains(key)) {
                throw HashChainXml.malformed("hash chain has a cycle at step " + key);
            }
            if (depth >= MAX_DEPTH) {
                throw HashChainXml.malformed("hash chain is deeper than " + MAX_DEPTH + " steps");
            }
            if (++steps > MAX_STEPS) {
                throw HashChainXml.malformed("hash chain has more than " + MAX_STEPS + " steps");
            }
            Chain chain = document(documentUri);
            Step step = chain.step(fragment).orElseThrow(() ->
                    HashChainXml.malformed("hash step " + key + " does not exist"));
            activePath.add(key);
            try {
                if ((values += step.values().size()) > MAX_VALUES) {
                    throw HashChainXml.malformed("hash chain has more than " + MAX_VALUES + " values");
                }
                var digests = new ArrayList<Digest>(step.values().size());
                for (Value v : step.values()) {
                    digests.add(value(v, chain, documentUri, depth));
                }
                byte[] encoded = DigestList.encode(digests);
                stepValues.put(key, encoded);
                return encoded;
            } finally {
                activePath.remove(key);
            }
        }

        private Chain document(String uri) {
            Chain chain = documents.get(uri);
            if (chain == null) {
                if (documents.size() >= MAX_DOCUMENTS) {
                    throw HashChainXml.malformed("hash chain spans more than " + MAX_DOCUMENTS + " documents");
                }
                byte[] xml = resolver.apply(uri).orElseThrow(() ->
                        new XRoadException(ErrorCode.INVALID_REFERENCE, "cannot resolve hash chain URI " + uri));
                chain = HashChainXml.readChain(xml);
                documents.put(uri, chain);
            }
            return chain;
        }

        private Digest value(Value v, Chain chain, String base, int depth) {
            DigestAlgorithm algorithm = algorithm(v.digestMethod().or(chain::defaultDigestMethod).orElseThrow(() ->
                    HashChainXml.malformed("hash chain value has no digest method and the chain no default")));
            return switch (v) {
                case HashValue h -> new Digest(algorithm, h.digest());
                case StepRef s -> new Digest(algorithm, algorithm.digest(stepValue(s.uri(), base, depth + 1)));
                case DataRef d -> dataRef(d, algorithm);
            };
        }

        private Digest dataRef(DataRef ref, DigestAlgorithm algorithm) {
            Transforms.checkSupported(ref.transforms(), ref.uri());
            Optional<Digest> input = inputs.get(ref.uri());
            if (input != null) {
                usedInputs.add(ref.uri());
                if (input.isPresent() && input.get().algorithm() == algorithm) {
                    // As X-Road: a given digest stands for the data, and the digest the chain states is not
                    // compared (a wrong input shows in the result). Evidence checks compare it themselves.
                    return input.get();
                }
            }
            Optional<byte[]> data = resolver.apply(ref.uri());
            if (data.isEmpty()) {
                if (input == null && trustUnresolved.test(ref.uri())) {
                    Digest stated = new Digest(algorithm, ref.digest());
                    unverified.put(ref.uri(), stated);
                    return stated;
                }
                throw new XRoadException(ErrorCode.INVALID_REFERENCE, "cannot resolve URI " + ref.uri());
            }
            byte[] bytes = ref.transforms().isEmpty() ? data.get()
                    : Transforms.apply(ref.transforms(), data.get(), ref.uri());
            byte[] digest = algorithm.digest(bytes);
            if (!MessageDigest.isEqual(digest, ref.digest())) {
                throw new XRoadException(ErrorCode.INVALID_HASH_CHAIN_REF,
                        "invalid digest value in hash chain reference to " + ref.uri());
            }
            return new Digest(algorithm, digest);
        }
    }

    /** Collects the resolver, the inputs and the trust rule for a {@link HashChainVerifier}. */
    public static final class Builder {
        private Function<String, Optional<byte[]>> resolver = uri -> Optional.empty();
        private final Map<String, Optional<Digest>> inputs = new LinkedHashMap<>();
        private Predicate<String> trustUnresolved = uri -> false;

        private Builder() {
        }

        /**
         * Resolves a URI (a chain document such as {@code /sig-hashchain.xml}, or a data reference such as
         * {@code /message.xml}) to its bytes; empty when unknown.
         */
        public Builder resolver(Function<String, Optional<byte[]>> resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** An input whose digest is known: used as is, without resolving the data. */
        public Builder input(String uri, Digest digest) {
            inputs.put(Objects.requireNonNull(uri, "uri"), Optional.of(digest));
            return this;
        }

        /** An input that must be referenced and whose data the resolver provides. */
        public Builder input(String uri) {
            inputs.put(Objects.requireNonNull(uri, "uri"), Optional.empty());
            return this;
        }

        /**
         * Data references (not inputs) that the resolver cannot resolve and that are then accepted at their
         * stated digest and reported as unverified. By default none: an unresolvable URI fails.
         */
        public Builder trustUnresolved(Predicate<String> uris) {
            this.trustUnresolved = Objects.requireNonNull(uris, "uris");
            return this;
        }

        public HashChainVerifier build() {
            return new HashChainVerifier(this);
        }
    }
}
