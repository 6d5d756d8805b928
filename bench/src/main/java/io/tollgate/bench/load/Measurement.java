package io.tollgate.bench.load;

import java.util.Optional;

/**
 * One step of one target: the generator's result and what the processes cost meanwhile.
 *
 * @param result latencies, throughput and errors
 * @param nodeCores the node's CPU seconds during the step divided by the step's length (cores busy); empty for
 *     the direct target
 * @param nodeRssBytes the node's resident memory at the end of the step; empty for the direct target
 * @param loadCores the harness's own CPU (load generator and fake upstream) during the step, in cores
 */
public record Measurement(StepResult result, Optional<Double> nodeCores, Optional<Long> nodeRssBytes,
                          double loadCores) {
}
