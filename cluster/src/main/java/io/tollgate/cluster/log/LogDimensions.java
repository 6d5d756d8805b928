package io.tollgate.cluster.log;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a request was attributed to beyond its key: its tags ({@code x-tollgate-tag-<name>}) and its end user.
 * Stored in {@code request_log.tags} as {@code ;name=value;name=value;} (names sorted; {@code %}, {@code ;} and
 * {@code =} in values percent-encoded), a form both databases can search and group by with standard string
 * functions, and in {@code request_log.end_user}.
 *
 * @param tags tag values by name, sorted by name
 * @param endUser the end user's id, if the request named one
 */
public record LogDimensions(Map<String, String> tags, Optional<String> endUser) {

    /** No tags, no end user. */
    public static final LogDimensions NONE = new LogDimensions(Map.of(), Optional.empty());
    /** The longest stored tag text. */
    static final int MAX_TAGS_TEXT = 4000;

    public LogDimensions {
        tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
        Objects.requireNonNull(endUser, "endUser");
        endUser.ifPresent(user -> LogRecord.text("endUser", user, 256));
        if (text(tags).map(String::length).orElse(0) > MAX_TAGS_TEXT) {
            throw new IllegalArgumentException("tags must fit in " + MAX_TAGS_TEXT + " characters");
        }
    }

    /** The stored form of the tags; empty for none. */
    static Optional<String> text(Map<String, String> tags) {
        if (tags.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder(";");
        tags.forEach((name, value) -> text.append(name).append('=').append(encode(value)).append(';'));
        return Optional.of(text.toString());
    }

    /** The tags of a stored form. */
    static Map<String, String> parse(Optional<String> text) {
        Map<String, String> tags = new TreeMap<>();
        text.ifPresent(stored -> {
            for (String pair : stored.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    tags.put(pair.substring(0, eq), decode(pair.substring(eq + 1)));
                }
            }
        });
        return tags;
    }

    /** What a tag's stored pair looks like, to search for: {@code ;name=value;}. */
    static String pair(String name, String value) {
        return ";" + name + "=" + encode(value) + ";";
    }

    private static String encode(String value) {
        return value.replace("%", "%25").replace(";", "%3B").replace("=", "%3D");
    }

    private static String decode(String value) {
        return value.replace("%3D", "=").replace("%3B", ";").replace("%25", "%");
    }
}
