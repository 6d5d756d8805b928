package io.tollgate.node.pipeline;

import java.util.Optional;
import java.util.function.Function;

/**
 * Where clients put a virtual key: {@code x-tollgate-vk}, {@code x-bf-vk} (clients moving from Bifrost),
 * {@code Authorization: Bearer tg-...} (OpenAI SDKs), {@code x-api-key} (Anthropic SDKs) or {@code api-key}. Only
 * values starting with {@code tg-} count, so a provider key a client still sends is never mistaken for one.
 */
public final class VirtualKeyHeaders {

    /** The header names, in the order they are looked at. */
    public static final String[] NAMES = {"x-tollgate-vk", "x-bf-vk", "authorization", "x-api-key", "api-key"};

    private VirtualKeyHeaders() {
    }

    /** The presented key, from a lookup of header values by lower-case name. */
    public static Optional<String> find(Function<String, Optional<String>> header) {
        for (String name : NAMES) {
            Optional<String> value = header.apply(name);
            if (value.isEmpty()) {
                continue;
            }
            String text = value.get().trim();
            if (name.equals("authorization")) {
                if (!text.regionMatches(true, 0, "Bearer ", 0, 7)) {
                    continue;
                }
                text = text.substring(7).trim();
            }
            if (text.startsWith("tg-")) {
                return Optional.of(text);
            }
        }
        return Optional.empty();
    }
}
