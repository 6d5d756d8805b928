/**
 * The built-in offline provider: deterministic OpenAI-format replies with realistic usage, real SSE streaming,
 * configurable latency and failure injection. Used by the default configuration, tests and benchmarks.
 */
package io.tollgate.adapters.mock;
