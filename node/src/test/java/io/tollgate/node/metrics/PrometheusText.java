package io.tollgate.node.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text format 0.0.4, for tests: every line is a {@code # HELP}, a {@code # TYPE}
 * or a sample of a family declared before it; anything else fails with the line.
 *
 * @param types each family's type by name
 * @param samples every sample in order
 */
record PrometheusText(Map<String, String> types, List<Sample> samples) {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\[\\\\\"n])*)\",?");
    private static final List<String> SUFFIXES = List.of("_bucket", "_count", "_sum", "_total", "_created", "");

    /**
     * One sample.
     *
     * @param name the sample's name (with its suffix: {@code _total}, {@code _bucket}...)
     * @param labels its labels
     * @param value its value
     */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    static PrometheusText parse(String text) {
        Map<String, String> types = new LinkedHashMap<>();
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# HELP ")) {
                require(NAME.matcher(line.substring(7).split(" ", 2)[0]).matches(), line);
            } else if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                require(parts.length == 2 && NAME.matcher(parts[0]).matches()
                        && List.of("counter", "gauge", "histogram", "summary", "untyped").contains(parts[1]), line);
                require(types.put(parts[0], parts[1]) == null, "family declared twice: " + line);
            } else {
                require(!line.startsWith("#"), line);
                samples.add(sample(line, types));
            }
        }
        return new PrometheusText(types, samples);
    }

    private static Sample sample(String line, Map<String, String> types) {
        Matcher m = SAMPLE.matcher(line);
        require(m.matches(), line);
        String name = m.group(1);
        require(SUFFIXES.stream().anyMatch(s -> name.endsWith(s)
                && types.containsKey(name.substring(0, name.length() - s.length()))), "undeclared family: " + line);
        Map<String, String> labels = new LinkedHashMap<>();
        if (m.group(3) != null) {
            Matcher l = LABEL.matcher(m.group(3));
            int at = 0;
            while (l.find() && l.start() == at) {
                labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
                at = l.end();
            }
            require(at == m.group(3).length(), "bad labels: " + line);
        }
        String value = m.group(4);
        double parsed = switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(value);
        };
        return new Sample(name, labels, parsed);
    }

    private static void require(boolean ok, String line) {
        if (!ok) {
            throw new AssertionError("not Prometheus text: " + line);
        }
    }

    /** The samples with this name whose labels include these (name, value, name, value...). */
    List<Sample> find(String name, String... labels) {
        List<Sample> found = new ArrayList<>();
        for (Sample sample : samples) {
            boolean match = sample.name().equals(name);
            for (int i = 0; match && i + 1 < labels.length; i += 2) {
                match = labels[i + 1].equals(sample.labels().get(labels[i]));
            }
            if (match) {
                found.add(sample);
            }
        }
        return found;
    }

    /** The sum of the values of {@link #find}. */
    double sum(String name, String... labels) {
        return find(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    /** True when a sample of this name exists (the family's own name, or a suffixed sample of it). */
    boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }
}
