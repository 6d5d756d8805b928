/**
 * The provider adapter SPI: {@link io.tollgate.adapters.spi.ProviderAdapter} sends a body already in the
 * upstream's dialect and hands back the raw {@link io.tollgate.adapters.spi.UpstreamResponse}; the HTTP itself
 * goes through an {@link io.tollgate.adapters.spi.HttpTransport}, which the node implements, so this module
 * depends on no HTTP library.
 */
package io.tollgate.adapters.spi;
