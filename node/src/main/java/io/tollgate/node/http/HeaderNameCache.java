package io.tollgate.node.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Helidon header names by their text, made once: {@link HeaderNames#create(String)} validates and lower-cases the
 * name on every call, and a request sets a dozen response headers and as many upstream ones. The names the gateway
 * sets form a small fixed set; at most {@value #MAX} are kept, others are made each time. Thread-safe.
 */
public final class HeaderNameCache {

    private static final int MAX = 512;
    private static final Map<String, HeaderName> NAMES = new ConcurrentHashMap<>();

    private HeaderNameCache() {
    }

    /** The header name for this text. */
    public static HeaderName of(String name) {
        HeaderName known = NAMES.get(name);
        if (known != null) {
            return known;
        }
        HeaderName made = HeaderNames.create(name);
        if (NAMES.size() < MAX) {
            NAMES.putIfAbsent(name, made);
        }
        return made;
    }
}
