package io.tollgate.config;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Reconciliation against the providers' own figures ({@code reconcile} section): which providers' usage and cost
 * admin APIs are pulled, how often and how far back, and the size limit of uploaded invoices.
 *
 * @param intervalMs how often the scheduled import runs (on one member of the cluster per source and run)
 * @param lookbackDays each import pulls this many UTC days, today included (late figures settle)
 * @param timeoutMs the timeout of each call to a provider's admin API
 * @param maxInvoiceBytes an uploaded CSV invoice larger than this is refused
 * @param sources the admin APIs to pull; empty for no scheduled import
 */
public record ReconcileConfig(long intervalMs, int lookbackDays, long timeoutMs, int maxInvoiceBytes,
                              List<Source> sources) {

    /** No scheduled import; hourly and three days back once sources are given; 30 s calls; 1 MiB invoices. */
    public static final ReconcileConfig DEFAULT = new ReconcileConfig(3_600_000, 3, 30_000, 1 << 20, List.of());

    public ReconcileConfig {
        if (intervalMs < 1_000 || intervalMs > 7L * 24 * 3_600_000) {
            throw new IllegalArgumentException("interval_ms must be between 1000 and 604800000, was " + intervalMs);
        }
        if (lookbackDays < 1 || lookbackDays > 31) {
            throw new IllegalArgumentException("lookback_days must be between 1 and 31, was " + lookbackDays);
        }
        if (timeoutMs < 100 || timeoutMs > 600_000) {
            throw new IllegalArgumentException("timeout_ms must be between 100 and 600000, was " + timeoutMs);
        }
        if (maxInvoiceBytes < 1_024 || maxInvoiceBytes > 64 << 20) {
            throw new IllegalArgumentException("max_invoice_bytes must be between 1024 and 67108864, was "
                    + maxInvoiceBytes);
        }
        sources = List.copyOf(sources);
        if (sources.stream().map(Source::provider).distinct().count() != sources.size()) {
            throw new IllegalArgumentException("sources must name each provider once");
        }
    }

    /**
     * One provider's admin API.
     *
     * @param provider the gateway's provider whose traffic the figures are compared with
     * @param type which admin API it speaks
     * @param adminKey a read-only admin key (never shown)
     * @param baseUrl where the API is, without {@code /v1} ({@code https://api.openai.com})
     */
    public record Source(String provider, Type type, Secret adminKey, URI baseUrl) {

        public Source {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(adminKey, "adminKey");
            Objects.requireNonNull(baseUrl, "baseUrl");
            if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
                throw new IllegalArgumentException("base_url must be an http or https URL, was '" + baseUrl + "'");
            }
        }
    }

    /** The admin APIs Tollgate can read. */
    public enum Type {
        /** OpenAI's organization usage ({@code /v1/organization/usage/completions}) and costs APIs. */
        OPENAI("https://api.openai.com"),
        /** Anthropic's usage report and cost report admin APIs. */
        ANTHROPIC("https://api.anthropic.com");

        private final String defaultBaseUrl;

        Type(String defaultBaseUrl) {
            this.defaultBaseUrl = defaultBaseUrl;
        }

        /** The public API's address. */
        public URI defaultBaseUrl() {
            return URI.create(defaultBaseUrl);
        }
    }
}
