package org.sild.core.hashchain;

import java.util.List;
import java.util.Optional;

/** The parsed shapes of {@code HashChain} and {@code HashChainResult} documents (schema {@code hashchain.xsd}). */
final class ChainModel {

    private ChainModel() {
    }

    /** A {@code HashChain}: an optional default digest method and its steps. */
    record Chain(Optional<String> defaultDigestMethod, List<Step> steps) {
        Optional<Step> step(String id) {
            return steps.stream().filter(s -> s.id().equals(id)).findFirst();
        }
    }

    /** A {@code HashStep}: the values whose DigestList is the step value. */
    record Step(String id, List<Value> values) {
    }

    /** One child of a hash step; an own {@code ds:DigestMethod} overrides the chain's default. */
    sealed interface Value permits HashValue, StepRef, DataRef {
        Optional<String> digestMethod();
    }

    /** A digest given directly (a sibling subtree in the Merkle tree). */
    record HashValue(Optional<String> digestMethod, byte[] digest) implements Value {
    }

    /** The digest of another step's value; {@code uri} is {@code #STEPn} or {@code /file.xml#STEPn}. */
    record StepRef(Optional<String> digestMethod, String uri) implements Value {
    }

    /** The digest of a file (after optional transforms), also stated in the document. */
    record DataRef(Optional<String> digestMethod, List<String> transforms, String uri, byte[] digest)
            implements Value {
    }

    /** A {@code HashChainResult}: the step it starts from and the digest of that step's value. */
    record Result(String uri, String digestMethod, byte[] digest) {
    }
}
