package io.tollgate.config;

/** Who shares cache entries: entries never cross scopes. */
public enum CacheScope {
    /** Each virtual key its own (the default). */
    VIRTUAL_KEY,
    /** Every key of the key's team (a key without a team keeps its own). */
    TEAM,
    /** Every key of the key's customer, directly or through a team (a key with neither keeps its own). */
    CUSTOMER
}
