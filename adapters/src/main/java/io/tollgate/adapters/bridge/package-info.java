/**
 * Bridges between the dialect a client speaks and the one its upstream understands: for each of the four pairs, how
 * the request body is prepared, how a whole response is turned back and where its usage is read, and which
 * {@link io.tollgate.adapters.StreamTranslator} carries a stream. Same-dialect bridges pass bodies and events
 * through unchanged apart from the model name and the usage the gateway always asks for.
 */
package io.tollgate.adapters.bridge;
