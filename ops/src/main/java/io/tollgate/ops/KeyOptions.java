package io.tollgate.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The options of {@code vk create} and {@code vk update} besides the name and budgets. */
final class KeyOptions {

    @Option(names = "--team", paramLabel = "TEAM_ID", description = "The team it belongs to ('' for none).")
    private String team;

    @Option(names = "--customer", paramLabel = "CUSTOMER_ID",
            description = "The customer it belongs to directly ('' for none).")
    private String customer;

    @Option(names = "--rate-limit-requests", paramLabel = "N/DURATION",
            description = "At most N requests per DURATION, e.g. 600/1m.")
    private RateArg requests;

    @Option(names = "--rate-limit-tokens", paramLabel = "N/DURATION",
            description = "At most N tokens per DURATION, e.g. 2000000/1h.")
    private RateArg tokens;

    @Option(names = "--provider", paramLabel = "NAME[:MODEL,...]",
            description = {"A provider it may use, optionally only these models; e.g. openai:gpt-4o-mini,gpt-4o. "
                    + "Repeatable; on update the given providers replace all. Without any: every provider."})
    private List<ProviderArg> providers = new ArrayList<>();

    @Option(names = "--fallback", paramLabel = "PROVIDER/MODEL",
            description = {"A model tried when the requested one fails, in the order given (at most 5); "
                    + "e.g. openai/gpt-4o-mini. Repeatable; on update the given ones replace all, "
                    + "and '' alone clears them."})
    private List<String> fallbacks = new ArrayList<>();

    @Option(names = "--expires-at", paramLabel = "INSTANT",
            description = "When it stops working, ISO-8601 (2026-12-31T00:00:00Z), or 'never'.")
    private String expiresAt;

    /** True when exactly one rate limit is given, so an update must keep the other from the current key. */
    boolean changesOneRateLimit() {
        return (requests == null) != (tokens == null);
    }

    /**
     * Adds the given options to a create or update body.
     *
     * @param current the key's current {@code rate_limit} (missing on create): the limit not given is kept from it
     * @throws OpsException (usage) when {@code --expires-at} is not an instant
     */
    void addTo(ObjectNode body, JsonNode current) {
        if (team != null) {
            OwnerOptions.putOrClear(body, "team_id", team);
        }
        if (customer != null) {
            OwnerOptions.putOrClear(body, "customer_id", customer);
        }
        if (!providers.isEmpty()) {
            ArrayNode array = body.putArray("provider_configs");
            providers.forEach(provider -> array.add(provider.json()));
        }
        if (!fallbacks.isEmpty()) {
            ArrayNode array = body.putArray("fallbacks");
            fallbacks.stream().map(String::trim).filter(fallback -> !fallback.isEmpty()).forEach(array::add);
        }
        if (expiresAt != null) {
            String text = expiresAt.trim();
            if (text.toLowerCase(Locale.ROOT).equals("never") || text.isEmpty()) {
                body.putNull("expires_at");
            } else {
                body.put("expires_at", instant(text).toString());
            }
        }
        if (requests != null || tokens != null) {
            body.set("rate_limit", rateLimit(current));
        }
    }

    private ObjectNode rateLimit(JsonNode current) {
        ObjectNode limit = Json.object();
        if (requests != null) {
            limit.put("request_max_limit", requests.max()).put("request_reset_duration", requests.duration());
        } else if (current.path("request_max_limit").asLong(0) > 0) {
            limit.put("request_max_limit", current.path("request_max_limit").asLong())
                    .put("request_reset_duration", current.path("request_reset_duration").asText());
        }
        if (tokens != null) {
            limit.put("token_max_limit", tokens.max()).put("token_reset_duration", tokens.duration());
        } else if (current.path("token_max_limit").asLong(0) > 0) {
            limit.put("token_max_limit", current.path("token_max_limit").asLong())
                    .put("token_reset_duration", current.path("token_reset_duration").asText());
        }
        return limit;
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw OpsException.usage("--expires-at must be an ISO-8601 instant such as 2026-12-31T00:00:00Z, or "
                    + "never; was '" + text + "'");
        }
    }
}
