package io.tollgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One node of a parsed YAML document together with its path ({@code providers.openai.keys[0].weight}). Typed
 * reads substitute environment variables and fail with a {@link ConfigException} that names the source, the path
 * and the problem. Immutable.
 */
final class ConfigNode {

    /** The largest decimal exponent, either way, a number may have ({@code 1e10000}). */
    private static final int MAX_EXPONENT = 10_000;

    private final JsonNode node;
    private final String path;
    private final String source;
    private final EnvSubstitution env;

    private ConfigNode(JsonNode node, String path, String source, EnvSubstitution env) {
        this.node = node;
        this.path = path;
        this.source = source;
        this.env = env;
    }

    /** The document's root; {@code node} is null or missing for an empty document. */
    static ConfigNode root(JsonNode node, String source, EnvSubstitution env) {
        return new ConfigNode(node, "", source, env);
    }

    /** A failure at this node's path. */
    ConfigException error(String problem) {
        return new ConfigException(source, path, problem);
    }

    /** A failure at the path of this map's entry {@code key}, present or not. */
    ConfigException errorAt(String key, String problem) {
        return new ConfigException(source, childPath(key), problem);
    }

    /**
     * Checks that this node is a map whose keys are all in {@code allowed}. An empty value ({@code server:} with
     * nothing under it) counts as an empty map.
     */
    ConfigNode requireKeys(Set<String> allowed) {
        for (Map.Entry<String, ConfigNode> entry : entries()) {
            if (!allowed.contains(entry.getKey())) {
                throw error(ProblemText.unknownKey(entry.getKey(), allowed));
            }
        }
        return this;
    }

    /** The entries of this map in file order, for maps whose keys are names (providers, headers, pricing). */
    List<Map.Entry<String, ConfigNode>> entries() {
        if (isEmpty()) {
            return List.of();
        }
        if (!node.isObject()) {
            throw error("must be a map, was " + ProblemText.describe(node));
        }
        List<Map.Entry<String, ConfigNode>> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            entries.add(Map.entry(entry.getKey(), child(entry.getKey(), entry.getValue())));
        }
        return entries;
    }

    /** The entry {@code key} of this map; empty when absent. Call {@link #requireKeys} or {@link #entries} first. */
    Optional<ConfigNode> field(String key) {
        if (isEmpty() || !node.has(key)) {
            return Optional.empty();
        }
        return Optional.of(child(key, node.get(key)));
    }

    /**
     * The entry {@code key} of this map or, when absent, a string holding {@code template}, read like any value
     * (a default such as {@code ${AWS_REGION:-us-east-1}} taken from the environment); its path is the key's.
     */
    ConfigNode fieldOr(String key, String template) {
        return field(key).orElseGet(() -> child(key, TextNode.valueOf(template)));
    }

    /** The entry {@code key} of this map, which must be present. */
    ConfigNode required(String key) {
        return field(key).orElseThrow(() -> errorAt(key, "is required"));
    }

    /** The elements of this list; an empty value counts as an empty list. */
    List<ConfigNode> list() {
        if (isEmpty()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw error("must be a list, was " + ProblemText.describe(node));
        }
        List<ConfigNode> elements = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            elements.add(new ConfigNode(node.get(i), path + "[" + i + "]", source, env));
        }
        return elements;
    }

    /** A string with {@code ${NAME}} substituted; an unset variable without fallback is an error. */
    String string() {
        if (node == null || !node.isTextual()) {
            throw error("must be a string, was " + ProblemText.describe(node));
        }
        EnvSubstitution.Result result = substitute(false);
        if (!result.unset().isEmpty()) {
            throw error("environment variable " + result.unset().getFirst() + " is not set");
        }
        return result.text();
    }

    /** A string, as {@link #string()}, that must not be blank. */
    String nonBlankString() {
        String text = string();
        if (text.isBlank()) {
            throw error("must not be blank");
        }
        return text;
    }

    /**
     * An optional string: like {@link #string()}, but a value that resolves to blank through a variable
     * ({@code ${NAME:-}}, or {@code ${NAME}} set to the empty string) counts as absent. A literal blank value is an
     * error with {@code blankProblem}.
     */
    Optional<String> optionalString(String blankProblem) {
        String text = string();
        if (!text.isBlank()) {
            return Optional.of(text);
        }
        if (substitute(false).variables().isEmpty()) {
            throw error(blankProblem);
        }
        return Optional.empty();
    }

    /** {@code true} or {@code false}, written as a YAML boolean or as a string (after substitution). */
    /** True when the value is a YAML boolean (not a string). */
    boolean isBoolean() {
        return node != null && node.isBoolean();
    }

    boolean bool() {
        if (node != null && node.isBoolean()) {
            return node.booleanValue();
        }
        if (node == null || !node.isTextual()) {
            throw error("must be true or false, was " + ProblemText.describe(node));
        }
        String text = string().strip();
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error("must be true or false, was " + ProblemText.quote(text));
        };
    }

    /** The boolean at this map's entry {@code key}, or {@code fallback} when absent. */
    boolean boolOr(String key, boolean fallback) {
        return field(key).map(ConfigNode::bool).orElse(fallback);
    }

    /**
     * The constant whose configuration name this string is, or an error listing the names (with a "did you
     * mean").
     */
    <E extends Enum<E>> E oneOf(E[] values, Function<E, String> name) {
        String text = string();
        List<String> names = Arrays.stream(values).map(name).toList();
        return Arrays.stream(values)
                .filter(value -> name.apply(value).equals(text))
                .findFirst()
                .orElseThrow(() -> error("must be one of " + String.join(", ", names)
                        + ", was " + ProblemText.quote(text)
                        + DidYouMean.suggestion(text, names).map(suggestion -> ", " + suggestion).orElse("")));
    }

    /** Like {@link #oneOf(Enum[], Function)} for enums whose configuration name is the lower-case constant name. */
    <E extends Enum<E>> E oneOf(E[] values) {
        return oneOf(values, value -> value.name().toLowerCase(Locale.ROOT));
    }

    /**
     * A secret string (a key value, a token) substituted with empty variables counting as unset; the caller
     * decides what an unset variable means. No message repeats the value.
     */
    EnvSubstitution.Result secret() {
        if (node == null || !node.isTextual()) {
            throw error("must be a string");
        }
        return substitute(true);
    }

    /**
     * An optional secret (a password, a virtual key's value): every variable it references must be set and
     * non-empty, else an error names the first one. A value that resolves to blank through a fallback
     * ({@code ${NAME:-}}) counts as absent; a literal blank value is an error with {@code blankProblem}. No message
     * repeats the value.
     */
    Optional<Secret> optionalSecret(String blankProblem) {
        EnvSubstitution.Result value = secret();
        if (!value.unset().isEmpty()) {
            throw error("environment variable " + value.unset().getFirst() + " is not set");
        }
        if (!value.text().isBlank()) {
            return Optional.of(new Secret(value.text()));
        }
        if (value.variables().isEmpty()) {
            throw error(blankProblem);
        }
        return Optional.empty();
    }

    /** A whole number in {@code min..max}, written as a number or as a string (after substitution). */
    long integer(long min, long max) {
        BigDecimal number = number("an integer");
        long value;
        try {
            value = number.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException notWhole) {
            throw error("must be an integer, was " + number.toPlainString());
        }
        if (value < min || value > max) {
            throw error("must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    /** A whole number that fits an {@code int}; the records check the narrower ranges. */
    int intValue() {
        return (int) integer(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** The whole number at this map's entry {@code key}, or {@code fallback} when absent. */
    long longOr(String key, long fallback) {
        return field(key).map(value -> value.integer(Long.MIN_VALUE, Long.MAX_VALUE)).orElse(fallback);
    }

    /** The {@code int} at this map's entry {@code key}, or {@code fallback} when absent. */
    int intOr(String key, int fallback) {
        return field(key).map(ConfigNode::intValue).orElse(fallback);
    }

    /** A decimal number read without passing through {@code double}: {@code 0.10} stays {@code 0.10}. */
    BigDecimal decimal() {
        return number("a decimal number");
    }

    /**
     * Runs a record constructor, turning its {@link IllegalArgumentException} into a {@link ConfigException}. A
     * message that starts with one of {@code keys} ("port must be ...", "key_fail_status.k2 must be ...") is
     * reported at that key's path.
     */
    <T> T build(Set<String> keys, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException invalid) {
            String message = String.valueOf(invalid.getMessage());
            int space = message.indexOf(' ');
            String subject = space > 0 ? message.substring(0, space) : "";
            int dot = subject.indexOf('.');
            if (keys.contains(subject) || (dot > 0 && keys.contains(subject.substring(0, dot)))) {
                throw errorAt(subject, message.substring(space + 1));
            }
            throw error(message);
        }
    }

    private BigDecimal number(String kind) {
        BigDecimal number = unbounded(kind);
        if (Math.abs((long) number.scale()) > MAX_EXPONENT) {
            // printing or rounding 1e-100000000 runs for minutes (a management API body may hold one)
            throw error("must be " + kind + ", was a number with an exponent beyond " + MAX_EXPONENT + " either way");
        }
        return number;
    }

    private BigDecimal unbounded(String kind) {
        if (node != null && node.isNumber() && !node.isFloatingPointNumber()) {
            return new BigDecimal(node.bigIntegerValue());
        }
        if (node != null && node.isBigDecimal()) {
            return node.decimalValue();
        }
        String text;
        if (node != null && node.isNumber()) {
            text = node.asText(); // a double only if the mapper was misconfigured; its shortest form, not its binary
        } else if (node != null && node.isTextual()) {
            text = string().strip();
        } else {
            throw error("must be " + kind + ", was " + ProblemText.describe(node));
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException notANumber) {
            throw error("must be " + kind + ", was " + ProblemText.quote(text));
        }
    }

    private EnvSubstitution.Result substitute(boolean emptyIsUnset) {
        try {
            return env.apply(node.textValue(), emptyIsUnset);
        } catch (IllegalArgumentException malformed) {
            throw error(malformed.getMessage());
        }
    }

    /** True for an absent or null value. */
    boolean isEmpty() {
        return node == null || node.isNull() || node.isMissingNode();
    }

    private ConfigNode child(String key, JsonNode value) {
        return new ConfigNode(value, childPath(key), source, env);
    }

    private String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
