package org.sild.core.hashchain;

import java.util.Map;

/**
 * What a successful hash chain verification established: the verified result digest, and the data
 * references that could not be resolved and were accepted at their stated digest (only those the caller
 * allowed, for example attachments absent from an evidence container).
 */
public record HashChainVerification(Digest result, Map<String, Digest> unverifiedDataRefs) {

    public HashChainVerification {
        unverifiedDataRefs = Map.copyOf(unverifiedDataRefs);
    }
}
