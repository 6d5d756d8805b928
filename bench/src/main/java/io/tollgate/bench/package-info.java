/**
 * JMH benchmarks of the gateway's per-request hot paths, run with {@code ./tollgate bench jmh} (see the module's
 * README). {@link io.tollgate.bench.GovernanceBenchmark} measures one admission plus one settlement on every budget
 * ledger variant, {@link io.tollgate.bench.BalancerBenchmark} one key choice,
 * {@link io.tollgate.bench.SemanticCacheBenchmark} one vector index search (with recall against brute force) and
 * {@link io.tollgate.bench.EmbeddingBenchmark} one MiniLM embedding, {@link io.tollgate.bench.PipelineBenchmark} one whole
 * request through a node's pipeline in process (with its baselines), {@link io.tollgate.bench.CodecBenchmark} JSON
 * and SSE codecs, {@link io.tollgate.bench.CostBenchmark} pricing a request; {@link io.tollgate.bench.SmokeCheck}
 * checks that a smoke run produced a number for each.
 */
package io.tollgate.bench;
