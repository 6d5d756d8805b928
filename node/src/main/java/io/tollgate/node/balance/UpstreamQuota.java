package io.tollgate.node.balance;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * What an upstream said is left of a key's own rate limit, from its response headers. Every part is optional: an
 * upstream that sends none of them, or sends them garbled, gives {@link #UNKNOWN}.
 *
 * @param remainingRequests requests left in the upstream's current window
 * @param remainingTokens tokens left in the upstream's current window
 * @param resetAt when the upstream's request window (or, failing that, its token window) resets
 */
public record UpstreamQuota(OptionalLong remainingRequests, OptionalLong remainingTokens,
                            Optional<Instant> resetAt) {

    /** Nothing known. */
    public static final UpstreamQuota UNKNOWN = new UpstreamQuota(OptionalLong.empty(), OptionalLong.empty(),
            Optional.empty());

    public UpstreamQuota {
        Objects.requireNonNull(remainingRequests, "remainingRequests");
        Objects.requireNonNull(remainingTokens, "remainingTokens");
        Objects.requireNonNull(resetAt, "resetAt");
        if (remainingRequests.isPresent() && remainingRequests.getAsLong() < 0) {
            throw new IllegalArgumentException("remainingRequests must not be negative, was "
                    + remainingRequests.getAsLong());
        }
        if (remainingTokens.isPresent() && remainingTokens.getAsLong() < 0) {
            throw new IllegalArgumentException("remainingTokens must not be negative, was "
                    + remainingTokens.getAsLong());
        }
    }

    /** True when nothing is known. */
    public boolean isUnknown() {
        return remainingRequests.isEmpty() && remainingTokens.isEmpty() && resetAt.isEmpty();
    }

    /**
     * Reads OpenAI's {@code x-ratelimit-remaining-requests}, {@code x-ratelimit-remaining-tokens},
     * {@code x-ratelimit-reset-requests} / {@code -tokens} (durations such as {@code 1s}, {@code 6m0s},
     * {@code 20ms}) and Anthropic's {@code anthropic-ratelimit-requests-remaining}, {@code -tokens-remaining},
     * {@code anthropic-ratelimit-requests-reset} / {@code -tokens-reset} (RFC 3339 times). A value that does not
     * parse is left out; OpenAI's headers win when both families are present.
     *
     * @param header the response's header by (lower-case) name; case-insensitive lookup is the caller's
     * @param now when the response arrived: OpenAI's resets are relative to it
     */
    public static UpstreamQuota parse(Function<String, Optional<String>> header, Instant now) {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(now, "now");
        OptionalLong requests = count(header, "x-ratelimit-remaining-requests",
                "anthropic-ratelimit-requests-remaining");
        OptionalLong tokens = count(header, "x-ratelimit-remaining-tokens", "anthropic-ratelimit-tokens-remaining");
        Optional<Instant> reset = relative(header, "x-ratelimit-reset-requests", now)
                .or(() -> relative(header, "x-ratelimit-reset-tokens", now))
                .or(() -> absolute(header, "anthropic-ratelimit-requests-reset"))
                .or(() -> absolute(header, "anthropic-ratelimit-tokens-reset"));
        if (requests.isEmpty() && tokens.isEmpty() && reset.isEmpty()) {
            return UNKNOWN;
        }
        return new UpstreamQuota(requests, tokens, reset);
    }

    private static OptionalLong count(Function<String, Optional<String>> header, String openAi, String anthropic) {
        OptionalLong first = count(header.apply(openAi));
        return first.isPresent() ? first : count(header.apply(anthropic));
    }

    private static OptionalLong count(Optional<String> value) {
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long parsed = Long.parseLong(value.get().strip());
            return parsed < 0 ? OptionalLong.empty() : OptionalLong.of(parsed);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static Optional<Instant> relative(Function<String, Optional<String>> header, String name, Instant now) {
        return header.apply(name).flatMap(GoDuration::parse).map(now::plus);
    }

    private static Optional<Instant> absolute(Function<String, Optional<String>> header, String name) {
        return header.apply(name).flatMap(value -> {
            try {
                return Optional.of(OffsetDateTime.parse(value.strip()).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

    /** Go's duration syntax as OpenAI sends it: {@code 1s}, {@code 6m0s}, {@code 20ms}, {@code 1h2m3.5s}. */
    static final class GoDuration {

        private GoDuration() {
        }

        static Optional<Duration> parse(String text) {
            String s = text.strip();
            if (s.isEmpty()) {
                return Optional.empty();
            }
            double nanos = 0;
            int i = 0;
            while (i < s.length()) {
                int start = i;
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
                int unitStart = i;
                while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                    i++;
                }
                long unit = unitNanos(s.substring(unitStart, i));
                if (start == unitStart || unit == 0) {
                    return Optional.empty();
                }
                try {
                    nanos += Double.parseDouble(s.substring(start, unitStart)) * unit;
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
            return nanos > Long.MAX_VALUE ? Optional.empty() : Optional.of(Duration.ofNanos(Math.round(nanos)));
        }

        private static long unitNanos(String unit) {
            return switch (unit) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> 0L;
            };
        }
    }
}
