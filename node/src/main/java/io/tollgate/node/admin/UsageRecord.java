package io.tollgate.node.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.Usage;
import io.tollgate.adapters.pricing.Price;
import io.tollgate.adapters.pricing.PricingCatalog;
import io.tollgate.cluster.governance.GovernanceRegistry;
import io.tollgate.config.ProviderConfig;
import io.tollgate.config.ProviderType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One usage record of {@code POST /api/ingest}, read and checked: its owner exists, its model has a price, its
 * time is neither in the future nor too old. Every problem is collected with its field's path
 * ({@code records[3].usage.output_tokens}) so a bad batch reports them all and changes nothing.
 *
 * @param index the record's place in the batch
 * @param idempotencyKey the caller's key: a record is applied once whatever the retries
 * @param provider the provider as given (a configured provider or a provider type)
 * @param model the model
 * @param usage the tokens, by priced bucket
 * @param time when the usage happened
 * @param owner who it is charged to
 * @param price the model's price
 */
record UsageRecord(int index, String idempotencyKey, String provider, String model, Usage usage, Instant time,
                   Owner owner, Price price) {

    /** Fields a record may carry. */
    static final Set<String> FIELDS = Set.of("idempotency_key", "provider", "model", "usage", "time",
            "virtual_key_id", "team_id", "customer_id");
    /** Token fields under {@code usage}. */
    static final Set<String> USAGE_FIELDS = Set.of("input_tokens", "cached_input_tokens", "cache_write_tokens",
            "cache_write_1h_tokens", "output_tokens", "reasoning_tokens");
    /** Records older than this are refused: their budgets' periods are long gone. */
    static final Duration MAX_AGE = Duration.ofDays(400);
    /** Clocks differ: a record this far ahead of the node's clock is still accepted. */
    static final Duration MAX_SKEW = Duration.ofMinutes(5);

    /** Who a record is charged to: exactly one of a virtual key, a team or a customer. */
    record Owner(String field, String id) {
    }

    /** What reading a batch gave: the records, or the problems of the bad ones. */
    record Read(List<UsageRecord> records, List<String> problems, Optional<String> firstParam) {
    }

    /** Reads and checks every record of the batch. */
    static Read readAll(JsonNode records, GovernanceRegistry registry, PricingCatalog catalog,
                        Map<String, ProviderConfig> providers, Instant now) {
        List<UsageRecord> read = new ArrayList<>();
        Problems problems = new Problems();
        for (int i = 0; i < records.size(); i++) {
            read(i, records.get(i), registry, catalog, providers, now, problems).ifPresent(read::add);
        }
        return new Read(List.copyOf(read), List.copyOf(problems.messages), Optional.ofNullable(problems.first));
    }

    private static Optional<UsageRecord> read(int i, JsonNode node, GovernanceRegistry registry,
                                              PricingCatalog catalog, Map<String, ProviderConfig> providers,
                                              Instant now, Problems problems) {
        String at = "records[" + i + "]";
        int before = problems.messages.size();
        if (!node.isObject()) {
            problems.add(at, "must be an object");
            return Optional.empty();
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                problems.add(at + "." + name, "is not a usage record field (expected one of " + sorted(FIELDS) + ")");
            }
        });
        String key = text(node, "idempotency_key", at, problems, true);
        if (key != null && key.length() > 200) {
            problems.add(at + ".idempotency_key", "must be at most 200 characters");
        }
        String provider = text(node, "provider", at, problems, true);
        String model = text(node, "model", at, problems, true);
        Usage usage = usage(node.path("usage"), at + ".usage", problems);
        Instant time = time(node, at, now, problems);
        Owner owner = owner(node, at, registry, problems);
        Price price = null;
        if (provider != null && model != null) {
            Optional<ProviderType> type = type(provider, providers);
            if (type.isEmpty()) {
                problems.add(at + ".provider", "'" + provider + "' is neither a configured provider nor a provider "
                        + "type (" + String.join(", ", types()) + ")");
            } else {
                price = catalog.price(provider, type.get(), model).orElse(null);
                if (price == null) {
                    problems.add(at + ".model", "'" + provider + "/" + model + "' has no price in the catalog; add it "
                            + "under 'pricing' in the configuration");
                }
            }
        }
        if (problems.messages.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new UsageRecord(i, key, provider, model, usage, time, owner, price));
    }

    private static Optional<ProviderType> type(String provider, Map<String, ProviderConfig> providers) {
        ProviderConfig configured = providers.get(provider);
        if (configured != null) {
            return Optional.of(configured.type());
        }
        for (ProviderType type : ProviderType.values()) {
            if (type.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(provider)
                    || type.name().toLowerCase(Locale.ROOT).equals(provider)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    private static List<String> types() {
        return java.util.Arrays.stream(ProviderType.values()).map(t -> t.name().toLowerCase(Locale.ROOT)).toList();
    }

    private static Usage usage(JsonNode node, String at, Problems problems) {
        if (!node.isObject()) {
            problems.add(at, "is required: an object of token counts (" + sorted(USAGE_FIELDS) + ")");
            return Usage.ZERO;
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!USAGE_FIELDS.contains(name)) {
                problems.add(at + "." + name, "is not a token count (expected one of " + sorted(USAGE_FIELDS) + ")");
            }
        });
        long[] counts = new long[6];
        String[] names = {"input_tokens", "cached_input_tokens", "cache_write_tokens", "cache_write_1h_tokens",
            "output_tokens", "reasoning_tokens"};
        for (int i = 0; i < names.length; i++) {
            JsonNode count = node.path(names[i]);
            if (count.isMissingNode() || count.isNull()) {
                continue;
            }
            if (!count.canConvertToExactIntegral() || !count.canConvertToLong() || count.asLong() < 0) {
                problems.add(at + "." + names[i], "must be a whole number, 0 or more, was " + count);
            } else {
                counts[i] = count.asLong();
            }
        }
        return new Usage(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]);
    }

    private static Instant time(JsonNode node, String at, Instant now, Problems problems) {
        JsonNode time = node.path("time");
        if (time.isMissingNode() || time.isNull()) {
            return now;
        }
        try {
            Instant parsed = Instant.parse(time.asText());
            if (parsed.isAfter(now.plus(MAX_SKEW))) {
                problems.add(at + ".time", "is in the future: " + parsed);
            } else if (parsed.isBefore(now.minus(MAX_AGE))) {
                problems.add(at + ".time", "is more than " + MAX_AGE.toDays() + " days old: " + parsed);
            }
            return parsed;
        } catch (DateTimeParseException e) {
            problems.add(at + ".time", "must be an ISO-8601 instant such as 2026-11-30T12:00:00Z, was " + time);
            return now;
        }
    }

    private static Owner owner(JsonNode node, String at, GovernanceRegistry registry, Problems problems) {
        List<String> given = new ArrayList<>();
        for (String field : List.of("virtual_key_id", "team_id", "customer_id")) {
            if (node.hasNonNull(field)) {
                given.add(field);
            }
        }
        if (given.size() != 1) {
            problems.add(at, "needs exactly one of virtual_key_id, team_id or customer_id" + (given.isEmpty() ? ""
                    : "; has " + String.join(", ", given)));
            return null;
        }
        String field = given.get(0);
        String id = node.get(field).asText();
        boolean exists = switch (field) {
            case "virtual_key_id" -> registry.key(id).isPresent();
            case "team_id" -> registry.team(id).isPresent();
            default -> registry.customer(id).isPresent();
        };
        if (!exists) {
            problems.add(at + "." + field, "no " + field.replace("_id", "").replace('_', ' ') + " has id '" + id + "'");
        }
        return new Owner(field, id);
    }

    private static String text(JsonNode node, String field, String at, Problems problems, boolean required) {
        JsonNode value = node.path(field);
        if (value.isTextual() && !value.asText().isBlank()) {
            return value.asText();
        }
        if (required || !value.isMissingNode()) {
            problems.add(at + "." + field, "is required: a non-empty string");
        }
        return null;
    }

    private static String sorted(Set<String> names) {
        return String.join(", ", names.stream().sorted().toList());
    }

    /** Problems found so far, the first one's path kept for the error's {@code param}. */
    private static final class Problems {
        private final List<String> messages = new ArrayList<>();
        private String first;

        void add(String path, String message) {
            if (first == null) {
                first = path;
            }
            messages.add(path + ": " + message);
        }
    }
}
