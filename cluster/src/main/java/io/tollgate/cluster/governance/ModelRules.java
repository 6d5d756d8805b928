package io.tollgate.cluster.governance;

import io.tollgate.config.KeyProviderSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which models a provider config allows, compiled once: entries are {@code "*"} (every model), an exact model
 * name, or {@code regex:<pattern>} matched against the whole name. An empty allowed list allows every model;
 * blocked wins over allowed. Immutable and thread-safe; {@link #allows} is meant for the request path (a set
 * lookup, then the precompiled patterns), so build one per provider config and keep it (the registry caches
 * them in its {@link Path}s).
 */
public final class ModelRules {

    /** Allows every model. */
    public static final ModelRules ALL = new ModelRules(Matcher.ANY, Matcher.NOTHING);
    /** Allows no model (a provider the key does not list). */
    public static final ModelRules NONE = new ModelRules(Matcher.NOTHING, Matcher.ANY);

    static final String REGEX_PREFIX = "regex:";
    private static final String WILDCARD = "*";

    private final Matcher allowed;
    private final Matcher blocked;

    private ModelRules(Matcher allowed, Matcher blocked) {
        this.allowed = allowed;
        this.blocked = blocked;
    }

    /**
     * Rules from an allowed and a blocked list.
     *
     * @throws IllegalArgumentException naming the entry when a {@code regex:} pattern does not compile
     */
    public static ModelRules of(List<String> allowedModels, List<String> blockedModels) {
        Matcher allowed = allowedModels.isEmpty() ? Matcher.ANY : Matcher.of(allowedModels);
        Matcher blocked = blockedModels.isEmpty() ? Matcher.NOTHING : Matcher.of(blockedModels);
        return new ModelRules(allowed, blocked);
    }

    /** The rules of a provider config. */
    public static ModelRules of(KeyProviderSpec config) {
        return of(config.allowedModels(), config.blockedModels());
    }

    /** True when {@code model} is allowed and not blocked. */
    public boolean allows(String model) {
        Objects.requireNonNull(model, "model");
        return allowed.matches(model) && !blocked.matches(model);
    }

    /** Rejects blank entries and patterns that do not compile, naming {@code field[index]}. */
    static void check(List<String> entries, String field) {
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            if (entry.isBlank() || entry.equals(REGEX_PREFIX)) {
                throw GovernanceException.invalid(field + "[" + i + "]", "must be *, a model name or regex:<pattern>,"
                        + " was '" + entry + "'");
            }
            if (entry.startsWith(REGEX_PREFIX)) {
                try {
                    Pattern.compile(entry.substring(REGEX_PREFIX.length()));
                } catch (PatternSyntaxException e) {
                    throw GovernanceException.invalid(field + "[" + i + "]", "is not a valid regular expression: '"
                            + entry + "' (" + e.getDescription() + ")");
                }
            }
        }
    }

    /** One list compiled: the wildcard, a set of exact names, and whole-name patterns. */
    private record Matcher(boolean any, Set<String> exact, List<Pattern> patterns) {

        static final Matcher ANY = new Matcher(true, Set.of(), List.of());
        static final Matcher NOTHING = new Matcher(false, Set.of(), List.of());

        static Matcher of(List<String> entries) {
            boolean any = false;
            Set<String> exact = new HashSet<>();
            List<Pattern> patterns = new ArrayList<>();
            for (String entry : entries) {
                if (entry.equals(WILDCARD)) {
                    any = true;
                } else if (entry.startsWith(REGEX_PREFIX)) {
                    patterns.add(compile(entry));
                } else {
                    exact.add(entry);
                }
            }
            return new Matcher(any, Set.copyOf(exact), List.copyOf(patterns));
        }

        private static Pattern compile(String entry) {
            try {
                return Pattern.compile(entry.substring(REGEX_PREFIX.length()));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("model pattern '" + entry + "' is not a valid regular expression: "
                        + e.getDescription(), e);
            }
        }

        boolean matches(String model) {
            if (any || exact.contains(model)) {
                return true;
            }
            for (Pattern pattern : patterns) {
                if (pattern.matcher(model).matches()) {
                    return true;
                }
            }
            return false;
        }
    }
}
