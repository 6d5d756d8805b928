package io.tollgate.node.batch;

import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.spi.ProviderAdapter;
import io.tollgate.adapters.spi.UpstreamResponse;
import io.tollgate.config.ProviderKey;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/** Reads one of a provider's stored resources whole, outside any client's request (settling, listing). */
public final class ProviderReads {

    private ProviderReads() {
    }

    /** The configured key of this name, if the provider still has it. */
    public static Optional<ProviderKey> key(ProviderAdapter adapter, String keyName) {
        return adapter.config().keys().stream().filter(key -> key.name().equals(keyName)).findFirst();
    }

    /**
     * A GET on the provider, its whole body.
     *
     * @throws GatewayException {@code UPSTREAM_ERROR} naming the path and the status when it is not 2xx, as
     *     {@link ProviderAdapter#call} when the provider cannot be reached
     */
    public static byte[] get(ProviderAdapter adapter, ProviderKey key, String path) {
        try (UpstreamResponse response = adapter.call(key, "GET", path, new byte[0], null, Map.of());
                InputStream body = response.body()) {
            byte[] bytes = body.readAllBytes();
            if (response.status() < 200 || response.status() > 299) {
                throw GatewayException.of(ErrorKind.UPSTREAM_ERROR, "Provider '" + adapter.config().name()
                        + "' answered " + response.status() + " to GET " + path + ".");
            }
            return bytes;
        } catch (IOException e) {
            throw GatewayException.of(ErrorKind.UPSTREAM_UNREACHABLE, "Provider '" + adapter.config().name()
                    + "' failed while answering GET " + path + ".", e);
        }
    }
}
