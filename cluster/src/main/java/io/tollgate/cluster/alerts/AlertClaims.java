package io.tollgate.cluster.alerts;

import java.time.Duration;

/**
 * Decides which member sends an alert, so each alert goes out once for the whole cluster however many members
 * notice it at the same moment: the first to claim an alert's key sends it. Claims are kept for a time (the budget
 * period the alert is about), so the same alert is not sent again within it; a claim whose sender left the cluster
 * before delivering it can be claimed again, so an alert is not lost with a dying node. Thread-safe; each call is a grid
 * round trip, made off the request path.
 */
public interface AlertClaims {

    /**
     * Claims an alert.
     *
     * @param alertKey identifies the alert, for example a budget, its period and a threshold
     * @param keep how long the claim holds (at least the rest of the period)
     * @return true for exactly one caller in the cluster, false for every other
     */
    boolean claim(String alertKey, Duration keep);

    /** Marks a claimed alert as sent (for the management view and for a member that takes over). */
    void delivered(String alertKey);

    /** True when this alert was claimed and is still held. */
    boolean claimed(String alertKey);
}
