package io.tollgate.cluster.responses;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A Response created through the gateway and stored (the client did not send {@code store: false}).
 *
 * @param id the Response's id ({@code resp_...}): the provider's for a native one, the gateway's for a translated one
 * @param provider the provider that answered it
 * @param keyName the provider key it was created with (a native Response belongs to the key's account)
 * @param virtualKeyId the virtual key that created it, when governed; only that key may read or delete it
 * @param model the model that answered it, as {@code provider/model}
 * @param createdAt when it was recorded
 * @param local for a translated Response, the Response object and its input items the gateway keeps; empty for a
 *     native one, which the provider keeps
 */
public record StoredResponse(String id, String provider, String keyName, Optional<String> virtualKeyId, String model,
                             Instant createdAt, Optional<Local> local) {

    public StoredResponse {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(keyName, "keyName");
        Objects.requireNonNull(virtualKeyId, "virtualKeyId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(local, "local");
        if (id.isBlank() || id.length() > 256) {
            throw new IllegalArgumentException("a stored response id must be 1 to 256 characters, was '" + id + "'");
        }
    }

    /**
     * What the gateway keeps of a translated Response.
     *
     * @param responseJson the Response object as the client received it, JSON text
     * @param inputItemsJson its input items (a JSON array, oldest first, each with an id), JSON text
     */
    public record Local(String responseJson, String inputItemsJson) {
        public Local {
            Objects.requireNonNull(responseJson, "responseJson");
            Objects.requireNonNull(inputItemsJson, "inputItemsJson");
        }

        /** The characters kept, for the size bound. */
        public long length() {
            return (long) responseJson.length() + inputItemsJson.length();
        }
    }
}
