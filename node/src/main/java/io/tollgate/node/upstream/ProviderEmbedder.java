package io.tollgate.node.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.Operation;
import io.tollgate.adapters.spi.ProviderAdapter;
import io.tollgate.adapters.spi.UpstreamResponse;
import io.tollgate.cache.embed.Embedder;
import io.tollgate.cache.embed.EmbeddingException;
import io.tollgate.config.ProviderKey;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Embeds through a configured provider's {@code /v1/embeddings} (OpenAI's format, with {@code dimensions} so the
 * vectors have the index's length), using the provider's first key that serves the model. Reports the tokens the
 * provider counted so a hit can be charged for them. Thread-safe.
 */
public final class ProviderEmbedder implements Embedder {

    private final ProviderAdapter adapter;
    private final String model;
    private final int dimensions;
    private final ProviderKey key;

    private ProviderEmbedder(ProviderAdapter adapter, String model, int dimensions, ProviderKey key) {
        this.adapter = adapter;
        this.model = model;
        this.dimensions = dimensions;
        this.key = key;
    }

    /**
     * An embedder calling {@code model} of this provider for vectors of {@code dimensions}.
     *
     * @throws IllegalArgumentException when the provider has no key serving the model
     */
    public static ProviderEmbedder create(ProviderAdapter adapter, String model, int dimensions) {
        ProviderKey key = adapter.config().keys().stream().filter(k -> k.serves(model)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("cache.embedder: provider '" + adapter.config().name()
                        + "' has no key that serves model '" + model + "'"));
        return new ProviderEmbedder(adapter, model, dimensions, key);
    }

    @Override
    public Embedding embed(String text) {
        ObjectNode body = Json.object();
        body.put("model", model);
        body.put("input", text);
        body.put("dimensions", dimensions);
        JsonNode answer;
        try (UpstreamResponse response = adapter.send(Operation.EMBEDDINGS, model, key, Json.bytes(body), Map.of());
             InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(1 << 22);
            if (response.status() != 200) {
                throw new EmbeddingException("provider " + adapter.config().name() + " answered " + response.status()
                        + " to an embedding request");
            }
            answer = Json.MAPPER.readTree(bytes);
        } catch (IOException | GatewayException e) {
            throw new EmbeddingException("embedding through provider " + adapter.config().name() + " failed: "
                    + e.getMessage(), e);
        }
        JsonNode values = answer.at("/data/0/embedding");
        if (!values.isArray() || values.size() != dimensions) {
            throw new EmbeddingException("provider " + adapter.config().name() + " returned an embedding of "
                    + values.size() + " values, expected " + dimensions);
        }
        float[] vector = new float[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) values.get(i).asDouble();
            norm += vector[i] * vector[i];
        }
        if (!(norm > 0) || Double.isInfinite(norm)) {
            throw new EmbeddingException("provider " + adapter.config().name() + " returned a zero or invalid vector");
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimensions; i++) {
            vector[i] *= scale;
        }
        return new Embedding(vector, Math.max(0, answer.at("/usage/prompt_tokens").asLong(0)));
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public String model() {
        return adapter.config().name() + "/" + model;
    }

    @Override
    public void close() {
        // the adapter's transport belongs to the node
    }
}
