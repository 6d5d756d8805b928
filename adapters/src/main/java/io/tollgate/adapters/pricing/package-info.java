/**
 * Prices and cost: {@link io.tollgate.adapters.pricing.Money} in integer nano-dollars, per-model
 * {@link io.tollgate.adapters.pricing.Price}s from the bundled catalog and the configuration's overrides, and the
 * one cost formula. No {@code double} anywhere near money.
 */
package io.tollgate.adapters.pricing;
