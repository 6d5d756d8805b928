package io.tollgate.config;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * The rules of a virtual key's default {@code fallbacks}: an ordered list of model addresses
 * ({@code provider/model}) tried in turn when the requested model fails. Shared by the configuration file, the
 * management API and the stored definitions so all three accept the same lists. Stateless.
 */
public final class Fallbacks {

    /** The most fallbacks a key may list. */
    public static final int MAX = 5;

    /** {@code provider/model}: a provider name, a slash, a model name without surrounding spaces. */
    private static final Pattern ADDRESS = Pattern.compile(ProviderConfig.NAME_REGEX + "/\\S(.*\\S)?");

    private Fallbacks() {
    }

    /**
     * Checks {@code fallbacks}: at most {@value #MAX}, each a {@code provider/model} address, none twice. Whether
     * the providers exist is the caller's check; it alone knows them.
     *
     * @param error makes the failure from the field at fault ({@code fallbacks}, {@code fallbacks[2]}) and the
     *     problem ("must be provider/model, ..."); the caller's own exception type
     * @return an immutable copy
     */
    public static List<String> check(List<String> fallbacks,
                                     BiFunction<String, String, ? extends RuntimeException> error) {
        List<String> copy = List.copyOf(fallbacks);
        if (copy.size() > MAX) {
            throw error.apply("fallbacks", "must list at most " + MAX + " models, was " + copy.size());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < copy.size(); i++) {
            String address = copy.get(i);
            if (!ADDRESS.matcher(address).matches()) {
                throw error.apply("fallbacks[" + i + "]", "must be provider/model, for example "
                        + "openai/gpt-4o-mini, was " + ProblemText.quote(address));
            }
            if (!seen.add(address)) {
                throw error.apply("fallbacks[" + i + "]", "duplicate fallback " + ProblemText.quote(address));
            }
        }
        return copy;
    }

    /** The provider part of a checked address. */
    public static String provider(String address) {
        Objects.requireNonNull(address, "address");
        int slash = address.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("not a model address: " + ProblemText.quote(address));
        }
        return address.substring(0, slash);
    }
}
