/**
 * The providers' batch formats: the request lines a client submits (OpenAI's JSONL input file, Anthropic's
 * {@code requests} list), read and checked so the gateway can price and route them, and the result lines the
 * provider returns when the batch ends, read into usage for settlement.
 */
package io.tollgate.adapters.batch;
