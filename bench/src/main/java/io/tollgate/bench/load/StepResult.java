package io.tollgate.bench.load;

import java.util.Optional;

/**
 * What one measured step produced.
 *
 * @param sent requests due in the step (each one was sent or counted as an error)
 * @param ok 200 answers read to their end
 * @param errors non-200 answers, failures, timeouts, requests refused because the in-flight cap was reached, and
 *     requests still unanswered when the step's drain timed out
 * @param latency corrected latency (from each request's intended start) to the end of its answer
 * @param firstToken streams only: corrected latency to the first {@code data:} line with content
 * @param throughput ok answers per second over the step (its length, or longer while answers drained)
 */
public record StepResult(long sent, long ok, long errors, Percentiles latency, Optional<Percentiles> firstToken,
                         double throughput) {

    public StepResult {
        if (sent < 0 || ok < 0 || errors < 0) {
            throw new IllegalArgumentException("counts must not be negative, were sent=" + sent + " ok=" + ok
                    + " errors=" + errors);
        }
    }

    /** True when the step produced numbers: latencies recorded (first tokens too, for a stream) and throughput. */
    public boolean producedNumbers() {
        return ok > 0 && latency.count() > 0 && throughput > 0
                && firstToken.map(p -> p.count() > 0).orElse(true);
    }
}
