/**
 * Stored Responses created through the gateway ({@code POST /v1/responses}): who created each one and where it lives,
 * and for providers without the Responses API the Response object and its input items themselves, kept in the state
 * store's database so that any node can answer {@code GET}, {@code input_items} and {@code DELETE} for them.
 */
package io.tollgate.cluster.responses;
