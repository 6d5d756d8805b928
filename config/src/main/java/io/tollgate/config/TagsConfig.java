package io.tollgate.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Request tags ({@code governance.tags}): the dimensions a request may carry in {@code x-tollgate-tag-<name>}
 * headers, each with a bounded number of distinct values across the cluster, and budgets attached to a tag value
 * across keys.
 *
 * @param names the allowed tag names (lower case) and their bounds
 * @param onUnknown what happens to a tag whose name is not declared, or whose value would exceed its name's bound
 * @param budgets budgets attached to one tag value
 */
public record TagsConfig(Map<String, TagSpec> names, OnUnknown onUnknown, List<TagBudget> budgets) {

    /** What a tag name looks like: lower-case letters, digits, {@code _} and {@code -}, at most 64. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    /** The longest tag value (and end-user id) accepted. */
    public static final int MAX_VALUE_LENGTH = 128;

    /** No tags declared; undeclared tags are refused. */
    public static final TagsConfig NONE = new TagsConfig(Map.of(), OnUnknown.REJECT, List.of());

    /** What happens to a tag that is not declared, or a value past its name's bound. */
    public enum OnUnknown {
        /** The request is refused with 400 naming the tag (the default). */
        REJECT,
        /** The tag is left out of the request's attribution and counted ({@code tollgate_tags_dropped_total}). */
        DROP
    }

    /**
     * One declared tag name.
     *
     * @param maxValues how many distinct values it may take across the cluster
     * @param metricLabel true to count requests and cost per value in metrics (bounded by {@code maxValues})
     */
    public record TagSpec(int maxValues, boolean metricLabel) {
        public TagSpec {
            if (maxValues < 1 || maxValues > 100_000) {
                throw new IllegalArgumentException("max_values must be between 1 and 100000, was " + maxValues);
            }
        }
    }

    /**
     * Budgets attached to one tag value, across every key whose requests carry it.
     *
     * @param tag a declared tag name
     * @param value the value
     * @param budgets at most one per reset duration
     */
    public record TagBudget(String tag, String value, List<BudgetSpec> budgets) {
        public TagBudget {
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(value, "value");
            budgets = List.copyOf(budgets);
        }

        /** {@code name=value}, the owner id of its budgets. */
        public String owner() {
            return tag + "=" + value;
        }
    }

    public TagsConfig {
        names = java.util.Collections.unmodifiableMap(new TreeMap<>(names));
        Objects.requireNonNull(onUnknown, "onUnknown");
        budgets = List.copyOf(budgets);
        for (String name : names.keySet()) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("tag name '" + name + "' must be lower-case letters, digits, '_' "
                        + "or '-' (at most 64)");
            }
        }
    }

    /** The declared tag name, if it is one. */
    public Optional<TagSpec> spec(String name) {
        return Optional.ofNullable(names.get(name));
    }

    /**
     * Why a tag value (or an end-user id) cannot be used, if it cannot: empty, too long, or holding control
     * characters.
     */
    public static Optional<String> valueProblem(String value) {
        if (value.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            return Optional.of("must be at most " + MAX_VALUE_LENGTH + " characters, was " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return Optional.of("must not contain control characters");
            }
        }
        return Optional.empty();
    }
}
