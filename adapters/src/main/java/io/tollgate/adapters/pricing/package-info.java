/**
 * Prices and cost: {@link io.tollgate.adapters.pricing.Money} in integer nano-dollars, per-model
 * {@link io.tollgate.adapters.pricing.Price}s in nano-dollars per one million tokens, and the one cost formula
 * ({@link io.tollgate.adapters.pricing.Price#cost}: the exact sum of tokens times rate over all usage buckets,
 * rounded half-up once). {@link io.tollgate.adapters.pricing.PricingCatalog} holds the catalog bundled in the jar
 * ({@code catalog.json}, decimal strings in USD per 1M tokens, with its source and date) and the configuration's
 * per-provider overrides, and looks prices up by provider name, provider type and model name, with dated snapshot
 * names falling back to their base name. An unknown model has no price, never a zero one. No {@code double}
 * anywhere near money.
 */
package io.tollgate.adapters.pricing;
