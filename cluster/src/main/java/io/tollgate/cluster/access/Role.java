package io.tollgate.cluster.access;

import java.util.Locale;

/** What an admin API token may do; each role may do everything the ones before it may. */
public enum Role {
    /** Read-only: spend, request logs without bodies, governance, budgets, cluster status. */
    VIEWER,
    /** Also changes customers, teams, virtual keys, budgets, rate limits and the cache, and reads bodies and audit. */
    OPERATOR,
    /** Everything: also provider keys and reconciliation, admin tokens. */
    ADMIN;

    /** Whether this role may do what {@code needed} may. */
    public boolean covers(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** The lower-case name used in the API and the database. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code viewer}, {@code operator} or {@code admin}. */
    public static Role parse(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("role must be one of viewer, operator, admin; was '" + name + "'");
    }
}
