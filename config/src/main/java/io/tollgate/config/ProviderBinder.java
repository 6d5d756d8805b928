package io.tollgate.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Binds one entry of {@code providers}. A provider whose key variable is unset is returned disabled, with a
 * warning, rather than failing the whole file; see {@link KeyListBinder}.
 */
final class ProviderBinder {

    /** Keys allowed in a provider entry. */
    static final Set<String> PROVIDER_KEYS =
            Set.of("type", "base_url", "api_version", "keys", "headers", "timeouts", "http_version", "mock",
                    "balancing", "retries", "circuit_breaker", "region", "project");
    /** Keys allowed under a provider's {@code timeouts}. */
    static final Set<String> TIMEOUT_KEYS = Set.of("connect_ms", "first_byte_ms", "total_ms");
    /** Keys allowed under a provider's {@code retries}. */
    static final Set<String> RETRY_KEYS = Set.of("max", "backoff_initial_ms", "backoff_max_ms");
    /** Keys allowed under a provider's {@code circuit_breaker}. */
    static final Set<String> CIRCUIT_BREAKER_KEYS =
            Set.of("consecutive_failures", "error_rate_percent", "window", "open_ms", "half_open_probes");
    /** Keys allowed under a mock provider's {@code mock}. */
    static final Set<String> MOCK_KEYS =
            Set.of("latency_ms", "chunk_delay_ms", "fail_status", "fail_every", "key_fail_status");

    /** An HTTP header name (RFC 9110 token). */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private ProviderBinder() {
    }

    /** Binds the provider {@code name}; adds a warning to {@code warnings} when it ends up disabled. */
    static ProviderConfig bind(String name, ConfigNode node, List<String> warnings) {
        node.requireKeys(PROVIDER_KEYS);
        ProviderType type = type(node.required("type"));
        onlyFor(node, "api_version", type, ProviderType.OPENAI);
        onlyFor(node, "mock", type, ProviderType.MOCK);
        if (type == ProviderType.MOCK && node.field("base_url").isPresent()) {
            throw node.errorAt("base_url", "is not used by type mock");
        }
        onlyFor(node, "region", type, ProviderType.BEDROCK, ProviderType.VERTEX);
        onlyFor(node, "project", type, ProviderType.VERTEX);
        Optional<String> region = node.field("region").map(ConfigNode::nonBlankString);
        requiredFor(node, "region", type, ProviderType.BEDROCK, "for example us-east-1");
        requiredFor(node, "region", type, ProviderType.VERTEX, "the Vertex AI location, for example us-central1 or global");
        Optional<String> project = node.field("project").map(ConfigNode::nonBlankString);
        requiredFor(node, "project", type, ProviderType.VERTEX, "the Google Cloud project id");
        String baseUrl = node.field("base_url").map(ProviderBinder::baseUrl).orElse(defaultBaseUrl(type, region));
        Optional<String> apiVersion = node.field("api_version").map(ConfigNode::nonBlankString);
        KeyListBinder.Keys keys = KeyListBinder.bind(node.field("keys"), type);
        Map<String, String> headers = node.field("headers").map(ProviderBinder::headers).orElse(Map.of());
        Timeouts timeouts = node.field("timeouts").map(ProviderBinder::timeouts).orElse(Timeouts.DEFAULT);
        HttpVersion httpVersion = node.field("http_version").map(ProviderBinder::httpVersion)
                .orElse(HttpVersion.AUTO);
        if (type == ProviderType.MOCK && node.field("http_version").isPresent()) {
            throw node.errorAt("http_version", "is not used by type mock");
        }
        MockOptions mock = node.field("mock").map(ProviderBinder::mock).orElse(MockOptions.DEFAULT);
        BalancingStrategy balancing = node.field("balancing")
                .map(value -> value.oneOf(BalancingStrategy.values(), BalancingStrategy::configName))
                .orElse(BalancingStrategy.ADAPTIVE);
        RetryPolicy retries = node.field("retries").map(ProviderBinder::retries).orElse(RetryPolicy.DEFAULT);
        CircuitBreakerConfig circuitBreaker = node.field("circuit_breaker").map(ProviderBinder::circuitBreaker)
                .orElse(CircuitBreakerConfig.DEFAULT);
        Optional<String> disabledReason = keys.unsetVariable().map(variable -> variable + " is not set");
        ProviderConfig provider = node.build(PROVIDER_KEYS, () -> new ProviderConfig(name, type, baseUrl, apiVersion,
                keys.keys(), headers, timeouts, httpVersion, mock, disabledReason, balancing, retries, circuitBreaker,
                region, project));
        keys.unsetVariable().ifPresent(variable -> warnings.add(
                "provider '" + name + "' disabled: environment variable " + variable + " is not set"));
        return provider;
    }

    private static ProviderType type(ConfigNode node) {
        return node.oneOf(ProviderType.values(), ProviderType::configName);
    }

    private static HttpVersion httpVersion(ConfigNode node) {
        return node.oneOf(HttpVersion.values(), HttpVersion::configName);
    }

    private static void onlyFor(ConfigNode node, String key, ProviderType actual, ProviderType... allowed) {
        if (!List.of(allowed).contains(actual) && node.field(key).isPresent()) {
            throw node.errorAt(key, "is only allowed for type " + String.join(" or ",
                    Stream.of(allowed).map(ProviderType::configName).toList()));
        }
    }

    private static void requiredFor(ConfigNode node, String key, ProviderType actual, ProviderType type,
                                    String example) {
        if (actual == type && node.field(key).isEmpty()) {
            throw node.errorAt(key, "is required for type " + type.configName() + " (" + example + ")");
        }
    }

    /**
     * A regional API's URL: Bedrock's runtime in its region; Vertex AI's regional endpoint, or its global one for
     * the location {@code global} (https://cloud.google.com/vertex-ai/generative-ai/docs/learn/locations).
     */
    private static String defaultBaseUrl(ProviderType type, Optional<String> region) {
        return switch (type) {
            case BEDROCK -> "https://bedrock-runtime." + region.orElseThrow() + ".amazonaws.com";
            case VERTEX -> region.filter(r -> !r.equals("global")).map(r -> "https://" + r + "-aiplatform.googleapis.com")
                    .orElse("https://aiplatform.googleapis.com");
            default -> type.defaultBaseUrl();
        };
    }

    private static String baseUrl(ConfigNode node) {
        String url = node.string();
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw node.error("must start with http:// or https://, was " + ProblemText.quote(url));
        }
        return url;
    }

    private static Map<String, String> headers(ConfigNode node) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> entry : node.entries()) {
            if (!HEADER_NAME.matcher(entry.getKey()).matches()) {
                throw entry.getValue().error("is not a valid HTTP header name");
            }
            headers.put(entry.getKey(), entry.getValue().string());
        }
        return headers;
    }

    private static Timeouts timeouts(ConfigNode node) {
        node.requireKeys(TIMEOUT_KEYS);
        Timeouts defaults = Timeouts.DEFAULT;
        long connectMs = node.longOr("connect_ms", defaults.connectMs());
        long firstByteMs = node.longOr("first_byte_ms", defaults.firstByteMs());
        long totalMs = node.longOr("total_ms", defaults.totalMs());
        return node.build(TIMEOUT_KEYS, () -> new Timeouts(connectMs, firstByteMs, totalMs));
    }

    private static RetryPolicy retries(ConfigNode node) {
        node.requireKeys(RETRY_KEYS);
        RetryPolicy defaults = RetryPolicy.DEFAULT;
        int max = node.intOr("max", defaults.max());
        long initialMs = node.longOr("backoff_initial_ms", defaults.backoffInitialMs());
        long maxMs = node.longOr("backoff_max_ms", defaults.backoffMaxMs());
        return node.build(RETRY_KEYS, () -> new RetryPolicy(max, initialMs, maxMs));
    }

    private static CircuitBreakerConfig circuitBreaker(ConfigNode node) {
        node.requireKeys(CIRCUIT_BREAKER_KEYS);
        CircuitBreakerConfig defaults = CircuitBreakerConfig.DEFAULT;
        int consecutiveFailures = node.intOr("consecutive_failures", defaults.consecutiveFailures());
        int errorRatePercent = node.intOr("error_rate_percent", defaults.errorRatePercent());
        int window = node.intOr("window", defaults.window());
        long openMs = node.longOr("open_ms", defaults.openMs());
        int halfOpenProbes = node.intOr("half_open_probes", defaults.halfOpenProbes());
        return node.build(CIRCUIT_BREAKER_KEYS, () -> new CircuitBreakerConfig(consecutiveFailures, errorRatePercent,
                window, openMs, halfOpenProbes));
    }

    /** The names under {@code key_fail_status} are not checked against the provider's keys. */
    private static MockOptions mock(ConfigNode node) {
        node.requireKeys(MOCK_KEYS);
        MockOptions defaults = MockOptions.DEFAULT;
        long latencyMs = node.longOr("latency_ms", defaults.latencyMs());
        long chunkDelayMs = node.longOr("chunk_delay_ms", defaults.chunkDelayMs());
        int failStatus = node.intOr("fail_status", defaults.failStatus());
        int failEvery = node.intOr("fail_every", defaults.failEvery());
        Map<String, Integer> keyFailStatus = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> entry : node.field("key_fail_status").map(ConfigNode::entries)
                .orElse(List.of())) {
            keyFailStatus.put(entry.getKey(), entry.getValue().intValue());
        }
        return node.build(MOCK_KEYS,
                () -> new MockOptions(latencyMs, chunkDelayMs, failStatus, failEvery, keyFailStatus));
    }
}
