package io.tollgate.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which alerts one channel takes ({@code min_severity} and {@code owners} on a webhook, the e-mail, a PagerDuty
 * service or a Teams channel). A channel takes an alert when the alert's severity is at least {@code minSeverity}
 * and, when {@code owners} is not empty, one of them is in the alert's owner chain: the customer, team or virtual
 * key the alert is about and the owners above it (a key's team and customer, a team's customer), each matched by id
 * or by name. An alert about no owner (a cost spike, a dead provider key) reaches only channels without
 * {@code owners}.
 *
 * @param minSeverity the least severity this channel takes
 * @param owners the owners whose alerts this channel takes; empty: every owner's, and alerts about no owner
 */
public record AlertRoute(AlertSeverity minSeverity, List<Owner> owners) {

    /** Every alert: the route of a channel without {@code min_severity} or {@code owners}. */
    public static final AlertRoute ALL = new AlertRoute(AlertSeverity.INFO, List.of());

    public AlertRoute {
        Objects.requireNonNull(minSeverity, "minSeverity");
        owners = List.copyOf(owners);
    }

    /**
     * One entry of {@code owners}.
     *
     * @param level which kind of owner
     * @param nameOrId its id ({@code team_...}) or its name
     */
    public record Owner(Level level, String nameOrId) {
        public Owner {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(nameOrId, "nameOrId");
            if (nameOrId.isBlank()) {
                throw new IllegalArgumentException(level.configName() + " must not be blank");
            }
        }

        /** The level of an owner named in a route. */
        public enum Level {
            /** {@code {customer: NAME_OR_ID}}. */
            CUSTOMER,
            /** {@code {team: NAME_OR_ID}}. */
            TEAM,
            /** {@code {virtual_key: NAME_OR_ID}}. */
            VIRTUAL_KEY;

            /** The key in configuration: {@code customer}, {@code team}, {@code virtual_key}. */
            public String configName() {
                return name().toLowerCase(Locale.ROOT);
            }
        }
    }
}
