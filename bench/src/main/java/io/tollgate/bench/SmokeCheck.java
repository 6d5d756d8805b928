package io.tollgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;

/**
 * Checks a JMH JSON result file ({@code -rf json -rff FILE}) against the benchmarks in this jar: every benchmark,
 * with every combination of its {@code @Param} values, must have a finite primary score. JMH leaves a benchmark out of
 * the file when its fork fails, so a missing entry counts as a failure too. A smoke run may narrow a parameter to
 * some of its values (JMH's {@code -p entries=10000}); the same {@code name=value,...} arguments tell this check not to
 * expect the others. Used by {@code ./tollgate bench smoke}.
 */
public final class SmokeCheck {

    private SmokeCheck() {
    }

    /**
     * Checks the result file {@code args[0]}; further arguments {@code name=value[,value...]} name the only values
     * of a parameter the run used (as JMH's {@code -p}). Prints {@code bench smoke: N benchmarks produced numbers}
     * and returns, or prints what is missing to standard error and exits with status 1 (2 for a wrong command line
     * or an unreadable file).
     */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: java -cp benchmarks.jar io.tollgate.bench.SmokeCheck RESULTS.json"
                    + " [param=value[,value...]]...");
            System.exit(2);
        }
        Map<String, List<String>> narrowed;
        try {
            narrowed = narrowed(List.of(args).subList(1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println("bench smoke: " + e.getMessage());
            System.exit(2);
            return;
        }
        List<String> problems;
        int produced;
        try {
            JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
            Set<String> expected = expected(benchmarksInThisJar(), narrowed);
            problems = problems(expected, results);
            produced = expected.size() - problems.size();
        } catch (IOException | RuntimeException e) {
            System.err.println("bench smoke: cannot read " + args[0] + ": " + e);
            System.exit(2);
            return;
        }
        if (!problems.isEmpty()) {
            System.err.println("bench smoke: FAILED, " + problems.size() + " without a number:");
            problems.forEach(problem -> System.err.println("  " + problem));
            System.exit(1);
        }
        System.out.println("bench smoke: " + produced + " benchmarks produced numbers");
    }

    /**
     * One name per benchmark and combination of parameter values: {@code pkg.Class.method} followed by the
     * parameters sorted by name, as in {@code pkg.Class.method{ledger=inMemory}}.
     */
    static Set<String> expected(Collection<BenchmarkListEntry> entries) {
        return expected(entries, Map.of());
    }

    /**
     * As {@link #expected(Collection)}, with the parameters in {@code narrowed} taking only the values listed there
     * (as a run with JMH's {@code -p name=value,...} does).
     */
    static Set<String> expected(Collection<BenchmarkListEntry> entries, Map<String, List<String>> narrowed) {
        Set<String> names = new TreeSet<>();
        for (BenchmarkListEntry entry : entries) {
            Map<String, String[]> params = entry.getParams().hasValue() ? entry.getParams().get() : Map.of();
            List<Map<String, String>> combinations = new ArrayList<>(List.of(new TreeMap<>()));
            for (Map.Entry<String, String[]> param : params.entrySet()) {
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> combination : combinations) {
                    for (String value : narrowed.getOrDefault(param.getKey(), List.of(param.getValue()))) {
                        Map<String, String> grown = new TreeMap<>(combination);
                        grown.put(param.getKey(), value);
                        next.add(grown);
                    }
                }
                combinations = next;
            }
            combinations.forEach(combination -> names.add(name(entry.getUsername(), combination)));
        }
        return names;
    }

    /**
     * What keeps the smoke run from passing: each expected benchmark without a result carrying a finite primary
     * score, and an empty result file. Results for benchmarks not expected are ignored.
     *
     * @param expected names as {@link #expected} makes them
     * @param results JMH's JSON array
     * @return the problems, one line each; empty when every expected benchmark has a number
     */
    static List<String> problems(Set<String> expected, JsonNode results) {
        if (expected.isEmpty()) {
            return List.of("no benchmarks are listed in this jar");
        }
        Set<String> scored = new TreeSet<>();
        for (JsonNode result : results) {
            Map<String, String> params = new TreeMap<>();
            result.path("params").properties().forEach(param -> params.put(param.getKey(), param.getValue().asText()));
            JsonNode score = result.path("primaryMetric").path("score");
            if (score.isNumber() && Double.isFinite(score.doubleValue())) {
                scored.add(name(result.path("benchmark").asText(), params));
            }
        }
        List<String> problems = new ArrayList<>();
        for (String name : expected) {
            if (!scored.contains(name)) {
                problems.add(name + ": no primary score");
            }
        }
        return problems;
    }

    /**
     * Parses {@code name=value[,value...]} arguments.
     *
     * @throws IllegalArgumentException for an argument without {@code =} or without a value
     */
    static Map<String, List<String>> narrowed(List<String> args) {
        Map<String, List<String>> narrowed = new TreeMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals < 1 || equals == arg.length() - 1) {
                throw new IllegalArgumentException("expected name=value[,value...], got '" + arg + "'");
            }
            narrowed.put(arg.substring(0, equals), List.of(arg.substring(equals + 1).split(",")));
        }
        return narrowed;
    }

    private static String name(String benchmark, Map<String, String> params) {
        return params.isEmpty() ? benchmark : benchmark + params;
    }

    /** The benchmarks compiled into this jar (JMH's generated list). */
    static List<BenchmarkListEntry> benchmarksInThisJar() throws IOException {
        try (InputStream list = SmokeCheck.class.getResourceAsStream(BenchmarkList.BENCHMARK_LIST)) {
            if (list == null) {
                throw new IOException("no " + BenchmarkList.BENCHMARK_LIST + " on the class path");
            }
            return BenchmarkList.readBenchmarkList(list);
        }
    }
}
