package io.tollgate.adapters.vertex;

import io.tollgate.config.ProviderKey;

/** Where the adapter gets a key's OAuth access token. Thread-safe. */
interface AccessTokens {

    /**
     * A valid access token for this key: the cached one while it is fresh, a new one otherwise.
     *
     * @throws io.tollgate.adapters.GatewayException when no token can be had: {@code UPSTREAM_ERROR} with the token
     *     endpoint's status (401 when it refused the service account), {@code UPSTREAM_UNREACHABLE} when it could
     *     not be reached
     */
    String token(ProviderKey key);
}
