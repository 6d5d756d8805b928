package io.tollgate.config;

import java.util.Locale;

/** Which HTTP version a provider's connections speak. */
public enum HttpVersion {
    /** HTTP/2 negotiated by ALPN on {@code https}, HTTP/1.1 on plain {@code http} (the default). */
    AUTO,
    /** HTTP/1.1 only. */
    HTTP1,
    /** HTTP/2 only: ALPN on {@code https}, prior knowledge (h2c) on plain {@code http}. */
    HTTP2;

    /** The name used in the YAML file ({@code auto}, {@code http1}, {@code http2}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
