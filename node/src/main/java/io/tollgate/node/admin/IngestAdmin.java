package io.tollgate.node.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.pricing.Money;
import io.tollgate.adapters.pricing.PricingCatalog;
import io.tollgate.cluster.ClusterServices;
import io.tollgate.cluster.governance.GovernanceRegistry;
import io.tollgate.cluster.governance.OwnerLimits;
import io.tollgate.cluster.governance.Team;
import io.tollgate.cluster.governance.VirtualKey;
import io.tollgate.cluster.ledger.AdmissionRequest;
import io.tollgate.cluster.ledger.BudgetCharge;
import io.tollgate.cluster.ledger.Level;
import io.tollgate.cluster.ledger.WorstCase;
import io.tollgate.cluster.log.LogRecord;
import io.tollgate.config.ProviderConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code POST /api/ingest}: usage from applications that call providers directly, priced with the gateway's catalog,
 * charged to the same budgets after the fact and logged like gateway traffic with route {@code ingest.usage}
 * ({@code "source": "ingest"} in the log and spend views).
 *
 * <p>All or nothing per batch: every record is checked first (owner, price, time, token counts) and one bad record
 * refuses the batch, naming each bad record's index and reason. Records whose idempotency key was applied before
 * are skipped (a retry applies nothing twice). The rest are charged to the ledger (force admissions that reserve
 * nothing, then settlements, each under a request id derived from the key, so a retry after a failure charges
 * nothing twice within the ledger's memory of settled ids), then stored in one transaction; the accounts charged
 * are then sized again on every node so leases taken before the charge do not admit past a budget it crossed.
 */
final class IngestAdmin {

    /** The most records one batch may carry. */
    static final int MAX_RECORDS = 1000;
    /** The route ingested rows are logged under. */
    static final String ROUTE = LogRecord.INGEST_ROUTE;

    private final ClusterServices cluster;
    private final GovernanceRegistry registry;
    private final PricingCatalog catalog;
    private final Map<String, ProviderConfig> providers;
    private final Clock clock;
    private final Supplier<String> node;
    private final Duration reservationTtl;

    IngestAdmin(ClusterServices cluster, PricingCatalog catalog, Map<String, ProviderConfig> providers, Clock clock,
                Supplier<String> node, Duration reservationTtl) {
        this.cluster = cluster;
        this.registry = cluster.registry();
        this.catalog = catalog;
        this.providers = providers;
        this.clock = clock;
        this.node = node;
        this.reservationTtl = reservationTtl;
    }

    ObjectNode ingest(ObjectNode body) {
        JsonNode records = body.path("records");
        if (!records.isArray() || records.isEmpty()) {
            throw GatewayException.invalid("records", "records is required: a list of 1 to " + MAX_RECORDS
                    + " usage records");
        }
        if (records.size() > MAX_RECORDS) {
            throw GatewayException.invalid("records", "a batch carries at most " + MAX_RECORDS + " records, this one "
                    + records.size() + "; split it");
        }
        Instant now = clock.instant();
        UsageRecord.Read read = UsageRecord.readAll(records, registry, catalog, providers, now);
        List<String> problems = new ArrayList<>(read.problems());
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (UsageRecord record : read.records()) {
            Integer first = seen.putIfAbsent(record.idempotencyKey(), record.index());
            if (first != null) {
                problems.add("records[" + record.index() + "].idempotency_key: repeats the key of records[" + first
                        + "]");
            }
        }
        if (!problems.isEmpty()) {
            String param = read.firstParam().orElse("records");
            throw GatewayException.invalid(param, "The batch was refused and nothing of it was applied: "
                    + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ": "
                    + String.join("; ", problems.subList(0, Math.min(20, problems.size())))
                    + (problems.size() > 20 ? "; ..." : ""));
        }
        Map<String, String> known = cluster.requestLog().ingested(seen.keySet());
        Map<String, LogRecord> fresh = new LinkedHashMap<>();
        Set<String> accounts = new LinkedHashSet<>();
        ObjectNode out = Json.object();
        ArrayNode results = out.putArray("records");
        long total = 0;
        for (UsageRecord record : read.records()) {
            ObjectNode result = results.addObject();
            result.put("index", record.index());
            result.put("idempotency_key", record.idempotencyKey());
            if (known.containsKey(record.idempotencyKey())) {
                result.put("status", "duplicate");
                result.put("request_id", known.get(record.idempotencyKey()));
                continue;
            }
            LogRecord row = row(record);
            charge(record, row, now).ifPresent(accounts::add);
            fresh.put(record.idempotencyKey(), row);
            total += row.costNanos();
            result.put("status", "ingested");
            result.put("request_id", row.requestId());
            result.put("cost_usd", Money.ofNanos(row.costNanos()).usd().stripTrailingZeros());
        }
        cluster.requestLog().ingest(fresh);
        accounts.forEach(cluster::chargedOutsideLeases);
        out.put("object", "ingest.result");
        out.put("ingested", fresh.size());
        out.put("duplicates", read.records().size() - fresh.size());
        out.put("total_cost_usd", Money.ofNanos(total).usd().stripTrailingZeros());
        return out;
    }

    /** Charges the record's cost to every budget on its owner's path; returns the account charged, if any. */
    private Optional<String> charge(UsageRecord record, LogRecord row, Instant now) {
        Path path = path(record);
        if (path.budgets().isEmpty()) {
            return Optional.empty();
        }
        long tokens = record.usage().promptTokens() + record.usage().completionTokens();
        cluster.ledger().admit(new AdmissionRequest(path.account(), row.requestId(), now, path.budgets(), List.of(),
                new WorstCase(0, 0, 0, 0), false, reservationTtl, true));
        cluster.ledger().settle(path.account(), row.requestId(), row.costNanos(), tokens, now);
        return Optional.of(path.account());
    }

    /** The account and budgets a record is charged on: its owner's and every level above it. */
    private record Path(String account, List<BudgetCharge> budgets) {
    }

    private Path path(UsageRecord record) {
        String id = record.owner().id();
        if (record.owner().field().equals("virtual_key_id")) {
            VirtualKey key = registry.key(id).orElseThrow(() -> gone(id));
            var path = registry.path(key, record.provider());
            return new Path(path.accountId(), path.budgets());
        }
        List<OwnerLimits> all = registry.allLimits();
        if (record.owner().field().equals("team_id")) {
            Team team = registry.team(id).orElseThrow(() -> gone(id));
            List<BudgetCharge> budgets = new ArrayList<>(limits(all, Level.TEAM, id));
            team.customerId().ifPresent(customer -> budgets.addAll(limits(all, Level.CUSTOMER, customer)));
            return new Path(team.accountId(), budgets);
        }
        return new Path(id, limits(all, Level.CUSTOMER, id));
    }

    private static List<BudgetCharge> limits(List<OwnerLimits> all, Level level, String id) {
        return all.stream().filter(o -> o.level() == level && o.ownerId().equals(id))
                .flatMap(o -> o.budgets().stream()).toList();
    }

    private static GatewayException gone(String id) {
        return GatewayException.of(ErrorKind.CONFLICT, "'" + id + "' was deleted while the batch was applied; "
                + "nothing of the records after it was applied. Send the batch again.");
    }

    private LogRecord row(UsageRecord record) {
        Optional<String> keyId = Optional.empty();
        Optional<String> teamId = Optional.empty();
        Optional<String> customerId = Optional.empty();
        String id = record.owner().id();
        switch (record.owner().field()) {
            case "virtual_key_id" -> {
                VirtualKey key = registry.key(id).orElseThrow(() -> gone(id));
                keyId = Optional.of(id);
                teamId = key.teamId();
                customerId = key.customerId().or(() -> key.teamId().flatMap(registry::team)
                        .flatMap(Team::customerId));
            }
            case "team_id" -> {
                teamId = Optional.of(id);
                customerId = registry.team(id).flatMap(Team::customerId);
            }
            default -> customerId = Optional.of(id);
        }
        var usage = record.usage();
        long cost = record.price().cost(usage).nanos();
        return new LogRecord(requestId(record.idempotencyKey()), record.time().truncatedTo(ChronoUnit.MICROS),
                node.get(), keyId, teamId, customerId, ROUTE, Optional.of(record.provider()),
                Optional.of(record.model()), Optional.empty(), 200, Optional.empty(), 0, 0, false, "none", 0,
                usage.inputTokens(), usage.cachedInputTokens(), usage.cacheWriteTokens() + usage.cacheWrite1hTokens(),
                usage.reasoningTokens(), usage.outputTokens(), cost, 0, 0, Optional.empty(), 0, 0, Optional.empty(),
                Optional.empty(), List.of());
    }

    /** The request id of an ingested record: derived from its key, so every retry names the same request. */
    static String requestId(String idempotencyKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return "ing_" + HexFormat.of().formatHex(digest, 0, 14);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
