package io.tollgate.adapters.spi;

import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.Operation;
import io.tollgate.config.ProviderConfig;
import io.tollgate.config.ProviderKey;
import java.util.Map;

/**
 * Talks to one configured provider. The caller has already translated the body into {@link #dialect(String)}; the
 * adapter adds the provider's URL, credentials and fixed headers and sends it. Thread-safe.
 */
public interface ProviderAdapter {

    /** The provider's configuration. */
    ProviderConfig config();

    /** The format this upstream understands. */
    Dialect dialect();

    /**
     * The format this upstream understands for {@code model}: one provider may host models of several publishers
     * (Vertex AI serves Gemini in Gemini's format and Claude in Anthropic's). The caller bridges the body into it,
     * reads the upstream's errors in it and forwards the client headers that belong to it. By default
     * {@link #dialect()} for every model.
     *
     * @param model the upstream's model name, as passed to {@code send}
     */
    default Dialect dialect(String model) {
        return dialect();
    }

    /** True when the upstream offers this operation; all of them unless an adapter says otherwise. */
    default boolean supports(Operation operation) {
        return true;
    }

    /**
     * Sends one call.
     *
     * @param operation what to call
     * @param model the upstream's model name (Azure deployments use it in the URL)
     * @param key the API key to use
     * @param body the request body in {@link #dialect(String)} of {@code model}
     * @param passHeaders client headers to forward as they are (for example {@code anthropic-beta}, {@code
     *     traceparent}); lower-case names
     * @return the response as soon as its headers arrived, whatever its status
     * @throws io.tollgate.adapters.GatewayException when the upstream cannot be reached or times out, or the
     *     operation is not supported
     */
    UpstreamResponse send(Operation operation, String model, ProviderKey key, byte[] body,
                          Map<String, String> passHeaders);

    /**
     * Sends one call, knowing whether the client streams: upstreams that choose streaming by URL rather than by body
     * (Gemini, Bedrock) need it; the others send as {@link #send(Operation, String, ProviderKey, byte[], Map)}.
     */
    default UpstreamResponse send(Operation operation, String model, ProviderKey key, byte[] body,
                                  Map<String, String> passHeaders, boolean stream) {
        return send(operation, model, key, body, passHeaders);
    }

    /**
     * Sends one call whose body is a form rather than JSON: an audio upload ({@link Operation#audioUpload()}) in
     * {@code multipart/form-data}, its model part already the upstream's model name. Thread-safe.
     *
     * @param operation what to call
     * @param model the upstream's model name (Azure deployments use it in the URL)
     * @param key the API key to use
     * @param body the whole form
     * @param contentType the form's content type with its boundary
     * @param passHeaders client headers to forward as they are; lower-case names
     * @return the response as soon as its headers arrived, whatever its status
     * @throws io.tollgate.adapters.GatewayException {@code INVALID_REQUEST} when the provider takes no forms (by
     *     default), or as {@link #send(Operation, String, ProviderKey, byte[], Map)}
     */
    default UpstreamResponse sendForm(Operation operation, String model, ProviderKey key, byte[] body,
                                      String contentType, Map<String, String> passHeaders) {
        throw io.tollgate.adapters.GatewayException.of(io.tollgate.adapters.ErrorKind.INVALID_REQUEST,
                "Provider '" + config().name() + "' (" + config().type().configName() + ") does not offer "
                        + operation.name().toLowerCase(java.util.Locale.ROOT) + "; choose a model of an OpenAI-type "
                        + "provider.");
    }

    /**
     * True when the provider keeps resources a client can call by id (files, batches, stored responses) through
     * {@link #call}; false by default.
     */
    default boolean hasResources() {
        return false;
    }

    /**
     * Calls one of the provider's stored resources, beyond the model operations: OpenAI's {@code /files},
     * {@code /batches} and stored {@code /responses/{id}}, Anthropic's {@code /messages/batches}.
     *
     * @param key the API key to use (the one that holds the resource: resources belong to an account)
     * @param method the HTTP method
     * @param path the path under the API's version root, starting with {@code /} (OpenAI {@code /files},
     *     Anthropic {@code /messages/batches}), with its query if any
     * @param body the body, empty for none
     * @param contentType the body's content type ({@code application/json}, a multipart type with its boundary),
     *     or null for none
     * @param passHeaders client headers to forward as they are; lower-case names
     * @throws io.tollgate.adapters.GatewayException {@code INVALID_REQUEST} when the provider keeps no resources,
     *     or as {@link #send}
     */
    default UpstreamResponse call(ProviderKey key, String method, String path, byte[] body, String contentType,
                                  Map<String, String> passHeaders) {
        throw io.tollgate.adapters.GatewayException.of(io.tollgate.adapters.ErrorKind.INVALID_REQUEST,
                "Provider '" + config().name() + "' (" + config().type().configName() + ") keeps no files, batches "
                        + "or stored responses; use an OpenAI or Anthropic provider for them.");
    }
}
