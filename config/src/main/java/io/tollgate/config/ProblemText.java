package io.tollgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Set;

/** The wording shared by binding errors: unknown keys, and how a wrong value is shown. Stateless. */
final class ProblemText {

    /** Longer strings are cut when shown in a message. */
    private static final int SHOWN_CHARS = 60;

    private ProblemText() {
    }

    /** "unknown key 'wieght', did you mean 'weight'?" or, with no near match, the allowed keys. */
    static String unknownKey(String key, Set<String> allowed) {
        return "unknown key '" + key + "', "
                + DidYouMean.suggestion(key, allowed)
                        .orElseGet(() -> "expected one of: " + String.join(", ", allowed.stream().sorted().toList()));
    }

    /**
     * "unknown provider 'opanai', did you mean 'openai'?" or, with no near match, the known names:
     * "unknown customer 'x' (declared: a, b)", "unknown team 'x' (no teams are declared)".
     *
     * @param kind what the name names ({@code provider}, {@code customer}...)
     * @param verb how the known names came to be ({@code configured}, {@code declared})
     */
    static String unknownName(String kind, String name, Collection<String> known, String verb) {
        return "unknown " + kind + " '" + name + "'" + DidYouMean.suggestion(name, known)
                .map(suggestion -> ", " + suggestion)
                .orElseGet(() -> known.isEmpty() ? " (no " + kind + "s are " + verb + ")"
                        : " (" + verb + ": " + String.join(", ", known) + ")");
    }

    /** A value as a message shows it after "was": a quoted string, a number, "a map", "a list" or "empty". */
    static String describe(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "empty";
        }
        if (value.isObject()) {
            return "a map";
        }
        if (value.isArray()) {
            return "a list";
        }
        return value.isTextual() ? quote(value.textValue()) : value.asText();
    }

    /** A string in double quotes, cut to {@value #SHOWN_CHARS} characters. */
    static String quote(String text) {
        return "\"" + (text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "..." : text) + "\"";
    }
}
