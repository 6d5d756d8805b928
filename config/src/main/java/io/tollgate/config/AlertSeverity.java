package io.tollgate.config;

import java.util.Locale;

/**
 * How urgent an alert is, least to most: the four levels of PagerDuty's Events API v2, which the other channels use
 * too. A channel's {@code min_severity} lets through this level and every level above it.
 */
public enum AlertSeverity {
    /** Worth knowing (a budget at half). */
    INFO,
    /** Look at it soon (a budget at 80%, a cost spike, a margin below its threshold). */
    WARNING,
    /** Something is failing or about to (a budget at 90%, a provider key out of rotation). */
    ERROR,
    /** Act now (a budget at or past its limit). */
    CRITICAL;

    /** The name in configuration and on the wire: {@code info}, {@code warning}, {@code error}, {@code critical}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this level is {@code other} or above it. */
    public boolean atLeast(AlertSeverity other) {
        return compareTo(other) >= 0;
    }
}
