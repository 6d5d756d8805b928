package io.tollgate.cache.key;

import java.util.Objects;
import java.util.Optional;

/**
 * What a request is looked up and stored by.
 *
 * @param scope who may share its answer (entries never cross scopes)
 * @param exactId the entry id: a hash of the scope, the target and the whole canonical request
 * @param partition a hash of everything that must match exactly for a semantic hit: scope, target, parameters and
 *     the conversation outside the embedded text
 * @param text the embedded text for the semantic path; empty when the request cannot be matched by meaning (an
 *     image in the embedded part, or nothing to embed)
 */
public record RequestKey(String scope, String exactId, String partition, Optional<String> text) {
    public RequestKey {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(exactId, "exactId");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(text, "text");
    }
}
