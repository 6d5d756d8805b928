package io.tollgate.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-fallback}} in a scalar string with values from an environment map.
 * The fallback is used when the variable is unset or empty (shell semantics); {@code $${} writes a literal
 * {@code ${}. A reference may sit inside a larger string ({@code Bearer ${TOKEN}}). Substitution is not
 * recursive: a value or fallback is inserted as is. Immutable and thread-safe.
 */
final class EnvSubstitution {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> env;

    EnvSubstitution(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    /**
     * The outcome of one substitution.
     *
     * @param text the string with every reference replaced; an unset variable without fallback becomes empty
     * @param variables every variable the string referenced, in order
     * @param unset the referenced variables that were unset (or empty, when asked) and had no fallback
     */
    record Result(String text, List<String> variables, List<String> unset) {

        Result {
            variables = List.copyOf(variables);
            unset = List.copyOf(unset);
        }
    }

    /**
     * Substitutes every reference in {@code text}.
     *
     * @param emptyIsUnset when true a variable set to the empty string counts as unset
     * @throws IllegalArgumentException for a malformed reference; the message never repeats {@code text}
     */
    Result apply(String text, boolean emptyIsUnset) {
        StringBuilder out = new StringBuilder(text.length());
        List<String> variables = new ArrayList<>();
        List<String> unset = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException(
                            "unterminated '${' (a reference is ${NAME} or ${NAME:-fallback})");
                }
                out.append(resolve(text.substring(i + 2, end), emptyIsUnset, variables, unset));
                i = end + 1;
            } else {
                out.append(text.charAt(i));
                i++;
            }
        }
        return new Result(out.toString(), variables, unset);
    }

    private String resolve(String reference, boolean emptyIsUnset, List<String> variables, List<String> unset) {
        int separator = reference.indexOf(":-");
        String name = separator < 0 ? reference : reference.substring(0, separator);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "malformed '${...}' reference: a variable name is letters, digits and '_', "
                            + "not starting with a digit");
        }
        variables.add(name);
        String value = env.get(name);
        if (separator >= 0) {
            return value == null || value.isEmpty() ? reference.substring(separator + 2) : value;
        }
        if (value == null || (emptyIsUnset && value.isEmpty())) {
            unset.add(name);
            return "";
        }
        return value;
    }
}
