package io.tollgate.config;

/** How a budget holds its cap. */
public enum BudgetMode {
    /** The default: worst-case cost is reserved before the upstream call; spend never exceeds the cap. */
    HARD,
    /** After the fact: a request that starts under the cap is served; concurrent requests may overshoot. */
    SOFT
}
