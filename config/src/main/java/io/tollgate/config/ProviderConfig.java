package io.tollgate.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One upstream provider.
 *
 * @param name the provider's name, the first part of a model address {@code name/model}
 * @param type what kind of API it is
 * @param baseUrl the API root without a trailing slash ({@code https://api.openai.com/v1}); for Azure OpenAI the
 *     deployment URL, where {@code {model}} is replaced by the requested model; empty for {@code mock}
 * @param apiVersion Azure OpenAI's {@code api-version}; when present the key is sent as {@code api-key} and the
 *     version as a query parameter
 * @param keys the provider's API keys, at least one unless the provider is disabled or a mock
 * @param headers extra headers sent upstream with every request
 * @param timeouts upstream timeouts
 * @param httpVersion which HTTP version the provider's connections speak
 * @param mock mock behaviour; {@link MockOptions#DEFAULT} for other types
 * @param disabledReason why the provider is off (for example an unset environment variable); empty when enabled
 * @param balancing how requests are spread over the keys
 * @param retries how failed attempts are retried
 * @param circuitBreaker when a key is taken out of rotation and brought back
 * @param region the cloud region of a {@code bedrock} provider ({@code us-east-1}) or the Vertex AI location of a
 *     {@code vertex} one ({@code us-central1}, {@code global}); empty for other types
 * @param project the Google Cloud project id of a {@code vertex} provider; empty for other types
 */
public record ProviderConfig(String name, ProviderType type, String baseUrl, Optional<String> apiVersion,
                             List<ProviderKey> keys, Map<String, String> headers, Timeouts timeouts,
                             HttpVersion httpVersion, MockOptions mock, Optional<String> disabledReason,
                             BalancingStrategy balancing, RetryPolicy retries, CircuitBreakerConfig circuitBreaker,
                             Optional<String> region, Optional<String> project) {

    /** What a provider name looks like: letters, digits, '.', '_' or '-', starting with a letter or digit. */
    static final String NAME_REGEX = "[A-Za-z0-9][A-Za-z0-9._-]*";
    /** A region or project id as it may stand in a host name or URL path. */
    private static final String LOCATION_REGEX = "[A-Za-z0-9][A-Za-z0-9.:_-]*";

    public ProviderConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(httpVersion, "httpVersion");
        Objects.requireNonNull(mock, "mock");
        Objects.requireNonNull(disabledReason, "disabledReason");
        Objects.requireNonNull(balancing, "balancing");
        Objects.requireNonNull(retries, "retries");
        Objects.requireNonNull(circuitBreaker, "circuitBreaker");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(project, "project");
        if ((type == ProviderType.BEDROCK || type == ProviderType.VERTEX) && region.isEmpty()) {
            throw new IllegalArgumentException("region is required for type " + type.configName());
        }
        if (type == ProviderType.VERTEX && project.isEmpty()) {
            throw new IllegalArgumentException("project is required for type vertex");
        }
        region.filter(r -> !r.matches(LOCATION_REGEX)).ifPresent(r -> {
            throw new IllegalArgumentException("region must be letters, digits, '.', ':', '_' or '-', was '" + r + "'");
        });
        project.filter(p -> !p.matches(LOCATION_REGEX)).ifPresent(p -> {
            throw new IllegalArgumentException("project must be letters, digits, '.', ':', '_' or '-', was '" + p + "'");
        });
        keys = List.copyOf(keys);
        headers = Map.copyOf(headers);
        if (!name.matches(NAME_REGEX)) {
            throw new IllegalArgumentException(
                    "provider name must be letters, digits, '.', '_' or '-', was '" + name + "'");
        }
        if (type != ProviderType.MOCK && baseUrl.isBlank()) {
            throw new IllegalArgumentException("base_url must not be blank for type " + type.configName());
        }
        if (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        if (type != ProviderType.MOCK && disabledReason.isEmpty() && keys.isEmpty()) {
            throw new IllegalArgumentException("keys must list at least one key for type " + type.configName());
        }
        long distinct = keys.stream().map(ProviderKey::name).distinct().count();
        if (distinct != keys.size()) {
            throw new IllegalArgumentException("key names must be unique within provider " + name);
        }
    }

    /**
     * A provider with the default balancing ({@link BalancingStrategy#ADAPTIVE}), {@link RetryPolicy#DEFAULT} and
     * {@link CircuitBreakerConfig#DEFAULT}.
     */
    public ProviderConfig(String name, ProviderType type, String baseUrl, Optional<String> apiVersion,
                          List<ProviderKey> keys, Map<String, String> headers, Timeouts timeouts,
                          HttpVersion httpVersion, MockOptions mock, Optional<String> disabledReason) {
        this(name, type, baseUrl, apiVersion, keys, headers, timeouts, httpVersion, mock, disabledReason,
                BalancingStrategy.ADAPTIVE, RetryPolicy.DEFAULT, CircuitBreakerConfig.DEFAULT);
    }

    /** A provider without a region or project (every type but {@code bedrock} and {@code vertex}). */
    public ProviderConfig(String name, ProviderType type, String baseUrl, Optional<String> apiVersion,
                          List<ProviderKey> keys, Map<String, String> headers, Timeouts timeouts,
                          HttpVersion httpVersion, MockOptions mock, Optional<String> disabledReason,
                          BalancingStrategy balancing, RetryPolicy retries, CircuitBreakerConfig circuitBreaker) {
        this(name, type, baseUrl, apiVersion, keys, headers, timeouts, httpVersion, mock, disabledReason, balancing,
                retries, circuitBreaker, Optional.empty(), Optional.empty());
    }

    /** A provider without a project (every type but {@code vertex}). */
    public ProviderConfig(String name, ProviderType type, String baseUrl, Optional<String> apiVersion,
                          List<ProviderKey> keys, Map<String, String> headers, Timeouts timeouts,
                          HttpVersion httpVersion, MockOptions mock, Optional<String> disabledReason,
                          BalancingStrategy balancing, RetryPolicy retries, CircuitBreakerConfig circuitBreaker,
                          Optional<String> region) {
        this(name, type, baseUrl, apiVersion, keys, headers, timeouts, httpVersion, mock, disabledReason, balancing,
                retries, circuitBreaker, region, Optional.empty());
    }

    /** Header values may be credentials, so only their names are shown; key values mask themselves. */
    @Override
    public String toString() {
        return "ProviderConfig[name=" + name + ", type=" + type.configName() + ", baseUrl=" + baseUrl
                + ", apiVersion=" + apiVersion.orElse("") + ", keys=" + keys + ", headers=" + headers.keySet()
                + ", timeouts=" + timeouts + ", httpVersion=" + httpVersion.configName() + ", mock=" + mock
                + ", disabledReason=" + disabledReason.orElse("") + ", balancing=" + balancing.configName()
                + ", retries=" + retries + ", circuitBreaker=" + circuitBreaker + ", region=" + region.orElse("") + ", project=" + project.orElse("") + "]";
    }

    /** True when requests may be sent to this provider. */
    public boolean enabled() {
        return disabledReason.isEmpty();
    }
}
