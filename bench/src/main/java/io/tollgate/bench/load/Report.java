package io.tollgate.bench.load;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The run's tables, in Markdown (printed as is, and written to {@code --out}): per step (kind × rate), each target's
 * percentiles, throughput, errors, CPU and memory; then the latency the gateway adds over the upstream itself at
 * each percentile, what the pass-through node adds, and the gateway's latency as a multiple of the pass-through's.
 */
final class Report {

    private final Options options;
    private final Instant started;
    private final Map<String, Map<Target, Measurement>> steps = new LinkedHashMap<>();

    private Report(Options options, Instant started) {
        this.options = options;
        this.started = started;
        for (Kind kind : options.kinds()) {
            for (long rate : options.rates()) {
                steps.put(key(kind, rate), new LinkedHashMap<>());
            }
        }
    }

    static Report create(Options options, Instant started) {
        return new Report(options, started);
    }

    void add(Kind kind, long rate, Target target, Measurement measurement) {
        steps.get(key(kind, rate)).put(target, measurement);
    }

    /** The steps that produced no numbers (missing, no latencies, or no throughput), as {@code "target kind rate"}. */
    java.util.List<String> empty() {
        java.util.List<String> empty = new java.util.ArrayList<>();
        steps.forEach((step, byTarget) -> options.targets().forEach(t -> {
            Measurement m = byTarget.get(t);
            if (m == null || !m.result().producedNumbers()) {
                empty.add(t.label() + " " + step);
            }
        }));
        return empty;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Tollgate load run\n\n")
                .append(started.truncatedTo(ChronoUnit.SECONDS)).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores (shared by the node, the load")
                .append(" generator and the fake upstream); client ").append(options.client())
                .append(", at most ").append(options.maxInFlight()).append(" requests in flight; warm-up ")
                .append(options.warmup().toMillis() / 1000.0).append(" s, steps ")
                .append(options.duration().toMillis() / 1000.0).append(" s; upstream latency ")
                .append(options.upstreamLatencyMs()).append(" ms; node -Xmx512m")
                .append(options.nodeJvm().isEmpty() ? "" : " " + options.nodeJvm()).append(".\n\n")
                .append("Latencies in ms, from each request's intended start (corrected for coordinated omission). ")
                .append("CPU in cores busy during the step; load CPU is this process (generator and fake upstream).\n");
        steps.forEach((step, byTarget) -> {
            md.append("\n## ").append(step).append("\n\n");
            boolean stream = step.startsWith(Kind.STREAM.label());
            targets(md, byTarget, "total", r -> Optional.of(r.latency()));
            if (stream) {
                md.append('\n');
                targets(md, byTarget, "first token", StepResult::firstToken);
            }
            md.append('\n');
            added(md, byTarget, "total", r -> Optional.of(r.latency()));
            if (stream) {
                added(md, byTarget, "first token", StepResult::firstToken);
            }
        });
        return md.toString();
    }

    private void targets(StringBuilder md, Map<Target, Measurement> byTarget, String what,
                         Function<StepResult, Optional<Percentiles>> pick) {
        md.append("| ").append(what).append(" | p50 | p90 | p99 | p99.9 | max | req/s | errors | node CPU | node RSS MiB")
                .append(" | load CPU |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Target t : options.targets()) {
            Measurement m = byTarget.get(t);
            md.append("| ").append(t.label());
            if (m == null) {
                md.append(" | — ".repeat(10)).append("|\n");
                continue;
            }
            Optional<Percentiles> p = pick.apply(m.result());
            for (int i = 0; i < 5; i++) {
                final int at = i;
                md.append(" | ").append(p.filter(x -> x.count() > 0).map(x -> ms(x.values()[at])).orElse("—"));
            }
            md.append(" | ").append(String.format(Locale.ROOT, "%.0f", m.result().throughput()))
                    .append(" | ").append(m.result().errors()).append(" / ").append(m.result().sent())
                    .append(" | ").append(m.nodeCores().map(c -> String.format(Locale.ROOT, "%.2f", c)).orElse("—"))
                    .append(" | ").append(m.nodeRssBytes().map(b -> Long.toString(b >> 20)).orElse("—"))
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", m.loadCores())).append(" |\n");
        }
    }

    private void added(StringBuilder md, Map<Target, Measurement> byTarget, String what,
                       Function<StepResult, Optional<Percentiles>> pick) {
        Optional<Percentiles> direct = percentiles(byTarget, Target.DIRECT, pick);
        Optional<Percentiles> gateway = percentiles(byTarget, Target.GATEWAY, pick);
        Optional<Percentiles> pass = percentiles(byTarget, Target.PASS_THROUGH, pick);
        if (direct.isEmpty() && (gateway.isEmpty() || pass.isEmpty())) {
            return;
        }
        md.append("| added, ").append(what).append(" | p50 | p90 | p99 | p99.9 | max |\n|---|---:|---:|---:|---:|---:|\n");
        row(md, "gateway − direct (ms)", gateway, direct, false);
        row(md, "passThrough − direct (ms)", pass, direct, false);
        row(md, "gateway ÷ passThrough", gateway, pass, true);
        md.append('\n');
    }

    private static void row(StringBuilder md, String label, Optional<Percentiles> a, Optional<Percentiles> b,
                            boolean ratio) {
        if (a.isEmpty() || b.isEmpty()) {
            return;
        }
        md.append("| ").append(label);
        long[] x = a.get().values();
        long[] y = b.get().values();
        for (int i = 0; i < 5; i++) {
            md.append(" | ").append(ratio
                    ? (y[i] == 0 ? "—" : String.format(Locale.ROOT, "%.2f×", (double) x[i] / y[i]))
                    : ms(x[i] - y[i]));
        }
        md.append(" |\n");
    }

    private static Optional<Percentiles> percentiles(Map<Target, Measurement> byTarget, Target target,
                                                     Function<StepResult, Optional<Percentiles>> pick) {
        return Optional.ofNullable(byTarget.get(target)).flatMap(m -> pick.apply(m.result()))
                .filter(p -> p.count() > 0);
    }

    private static String key(Kind kind, long rate) {
        return kind.label() + " at " + rate + " req/s";
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }
}
