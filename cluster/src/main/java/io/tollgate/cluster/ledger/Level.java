package io.tollgate.cluster.ledger;

import java.util.Locale;

/** Where in the hierarchy a budget or rate limit is attached. */
public enum Level {
    /** One provider config of a virtual key. */
    PROVIDER_CONFIG,
    /** A virtual key. */
    VIRTUAL_KEY,
    /** A team. */
    TEAM,
    /** A customer. */
    CUSTOMER,
    /** One end user of a virtual key (owner id {@code keyId/endUser}). */
    END_USER,
    /** One value of a request tag, across keys (owner id {@code name=value}). */
    TAG;

    /** The name used in error messages and the API ({@code virtual_key}, ...). */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
