package io.tollgate.config;

/** How the response cache treats a request. */
public enum CacheMode {
    /** Neither looked up nor stored. */
    OFF,
    /** Only an identical request (after canonicalisation) is answered from the cache. */
    EXACT,
    /** An identical request, else one whose meaning is close enough (embedding similarity at the threshold). */
    SEMANTIC
}
