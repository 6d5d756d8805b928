/**
 * The load harness, run with {@code ./tollgate bench load} (see the module's README, "Load harness"):
 * {@link io.tollgate.bench.load.LoadHarness} starts a {@link io.tollgate.bench.load.FakeUpstream}, then drives it
 * directly, through a full node and through a pass-through node with an open-loop
 * {@link io.tollgate.bench.load.LoadGenerator} whose latencies count from each request's intended start time
 * ({@link io.tollgate.bench.load.Schedule}), so a stalled server cannot hide its stall (coordinated omission).
 */
package io.tollgate.bench.load;
