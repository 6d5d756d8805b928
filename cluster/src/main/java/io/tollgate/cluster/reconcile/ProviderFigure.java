package io.tollgate.cluster.reconcile;

import java.time.LocalDate;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a provider reports for one model on one UTC day, from one source.
 *
 * @param provider the provider's name as configured in the gateway
 * @param day the UTC day
 * @param model the model name as the provider reports it (possibly with a date suffix)
 * @param source {@code openai_api}, {@code anthropic_api} or {@code csv:<upload id>}
 * @param requests model requests, when the report counts them
 * @param tokens tokens by type, each part empty where the report lacks it
 * @param costNanos the billed cost, in nano-dollars
 * @param costByType the billed cost by token type, in nano-dollars, where the report breaks it down
 */
public record ProviderFigure(String provider, LocalDate day, String model, String source, OptionalLong requests,
                             ByType tokens, long costNanos, ByType costByType) {

    /** Source name of figures pulled from OpenAI's organization usage and costs API. */
    public static final String OPENAI_API = "openai_api";
    /** Source name of figures pulled from Anthropic's usage and cost admin API. */
    public static final String ANTHROPIC_API = "anthropic_api";
    /** Prefix of the source name of figures from an uploaded CSV invoice. */
    public static final String CSV_PREFIX = "csv:";

    public ProviderFigure {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(costByType, "costByType");
        if (provider.isBlank() || model.isBlank() || source.isBlank()) {
            throw new IllegalArgumentException("provider, model and source must not be blank, were '" + provider
                    + "', '" + model + "', '" + source + "'");
        }
        if (provider.length() > 128 || model.length() > 256 || source.length() > 128) {
            throw new IllegalArgumentException("provider (128), model (256) or source (128) too long: '" + model
                    + "'");
        }
        if (costNanos < 0 || requests.orElse(0) < 0) {
            throw new IllegalArgumentException("cost and requests must not be negative for " + model + " on " + day
                    + ", were " + costNanos + " and " + requests);
        }
    }

    /** True for figures from an uploaded invoice rather than a provider's API. */
    public boolean fromInvoice() {
        return source.startsWith(CSV_PREFIX);
    }
}
