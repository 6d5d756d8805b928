package io.tollgate.node.alerts;

import io.tollgate.config.AlertRoute;
import java.util.Objects;

/**
 * A channel with the route that decides which alerts it takes: severity at least the route's minimum and, when the
 * route names owners, one of them in the alert's owner chain, by id or by name at the same level (a route's
 * {@code {team: search}} matches a key budget's alert whose key belongs to team {@code search}).
 *
 * @param channel where the alerts go
 * @param route which alerts go there
 */
record RoutedChannel(AlertChannel channel, AlertRoute route) {

    RoutedChannel {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(route, "route");
    }

    /** True when this channel takes the alert. */
    boolean takes(Alert alert) {
        if (!alert.severity().atLeast(route.minSeverity())) {
            return false;
        }
        if (route.owners().isEmpty()) {
            return true;
        }
        for (AlertRoute.Owner wanted : route.owners()) {
            for (AlertOwner owner : alert.owners()) {
                if (owner.level().name().equals(wanted.level().name())
                        && (owner.id().equals(wanted.nameOrId()) || owner.name().equals(wanted.nameOrId()))) {
                    return true;
                }
            }
        }
        return false;
    }
}
