package io.tollgate.cluster.access;

import java.util.Locale;
import java.util.Objects;

/**
 * The part of the governance hierarchy a scoped token is limited to: one customer (its teams and keys too) or one
 * team (its keys too).
 *
 * @param kind a customer or a team
 * @param id the customer's or the team's id
 */
public record TokenScope(Kind kind, String id) {

    /** What a scope is rooted at. */
    public enum Kind {
        CUSTOMER, TEAM;

        /** {@code customer} or {@code team}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public TokenScope {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a scope needs an id");
        }
    }

    /** A customer's scope. */
    public static TokenScope customer(String id) {
        return new TokenScope(Kind.CUSTOMER, id);
    }

    /** A team's scope. */
    public static TokenScope team(String id) {
        return new TokenScope(Kind.TEAM, id);
    }

    @Override
    public String toString() {
        return kind.wireName() + ":" + id;
    }
}
