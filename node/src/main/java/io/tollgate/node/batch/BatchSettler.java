package io.tollgate.node.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.Usage;
import io.tollgate.adapters.batch.AnthropicBatch;
import io.tollgate.adapters.batch.BatchResult;
import io.tollgate.adapters.batch.BatchResults;
import io.tollgate.adapters.batch.OpenAiBatchFile;
import io.tollgate.adapters.pricing.BatchPrices;
import io.tollgate.adapters.pricing.Price;
import io.tollgate.adapters.pricing.PricingCatalog;
import io.tollgate.adapters.spi.ProviderAdapter;
import io.tollgate.cluster.batch.BatchJob;
import io.tollgate.cluster.batch.BatchStore;
import io.tollgate.cluster.ledger.BudgetLedger;
import io.tollgate.cluster.log.LogDimensions;
import io.tollgate.cluster.log.LogRecord;
import io.tollgate.cluster.log.RequestLog;
import io.tollgate.config.ProviderKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Settles ended batches. For one batch: claims it in the {@link BatchStore} (so one node does it), asks the provider
 * whether it ended, reads its result lines, prices each at the batch rate of the model that answered, writes one
 * log row per line (route {@code openai.batch_line} / {@code anthropic.batch_line}) in one transaction, settles every
 * reservation made when it was submitted with the sum, and marks it settled. Each step is idempotent (log rows and
 * ledger settlements key on ids derived from the batch and line), so a node dying half way leaves a claim that
 * lapses and a later try that finishes the job without counting anything twice. Batch tokens are not counted in
 * token-rate windows (providers run batches outside the real-time limits); their cost is in every budget.
 *
 * <p>A sweep on every node looks at open batches once a minute, so a batch is settled even when no client reads
 * it again. Thread-safe.
 */
public final class BatchSettler implements AutoCloseable {

    /** What one try came to. */
    public enum Outcome {
        /** Priced, logged and charged now. */
        SETTLED,
        /** The provider has not ended the batch yet. */
        RUNNING,
        /** Another node holds it, or it was settled before. */
        TAKEN,
        /** The provider or the store could not be read; a later try will do it. */
        FAILED
    }

    private static final Logger LOG = Logger.getLogger(BatchSettler.class.getName());
    private static final Duration CLAIM_HOLD = Duration.ofMinutes(10);
    private static final Set<String> OPENAI_ENDED = Set.of("completed", "failed", "expired", "cancelled");
    private static final int SWEEP_BATCHES = 100;
    /**
     * How far back the sweep looks: a batch ends within a day; one whose results could not be read for a week
     * (the provider lost it, its key was removed) is left to reconciliation, its reservation long released.
     */
    private static final Duration SWEEP_DAYS = Duration.ofDays(8);

    private final BatchStore store;
    private final Map<String, ProviderAdapter> adapters;
    private final PricingCatalog catalog;
    private final BatchPrices batchPrices = BatchPrices.bundled();
    private final BudgetLedger ledger;
    private final RequestLog log;
    private final Consumer<String> chargedOutsideLeases;
    private final Supplier<String> node;
    private final Clock clock;
    private final ScheduledExecutorService sweeper;

    private BatchSettler(BatchStore store, Map<String, ProviderAdapter> adapters, PricingCatalog catalog,
                         BudgetLedger ledger, RequestLog log, Consumer<String> chargedOutsideLeases,
                         Supplier<String> node, Clock clock, Duration sweepEvery) {
        this.store = store;
        this.adapters = Map.copyOf(adapters);
        this.catalog = catalog;
        this.ledger = ledger;
        this.log = log;
        this.chargedOutsideLeases = chargedOutsideLeases;
        this.node = node;
        this.clock = clock;
        if (sweepEvery.isZero()) {
            this.sweeper = null;
        } else {
            this.sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                    .name("tollgate-batch-sweep").factory());
            sweeper.scheduleWithFixedDelay(this::sweepQuietly, sweepEvery.toMillis(), sweepEvery.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * A settler.
     *
     * @param chargedOutsideLeases told of each account charged, so no node goes on admitting from a stale lease
     * @param node this node's name, for claims and log rows
     * @param sweepEvery how often to look at open batches; zero for never (tests drive {@link #sweep})
     */
    public static BatchSettler create(BatchStore store, Map<String, ProviderAdapter> adapters,
                                      PricingCatalog catalog, BudgetLedger ledger, RequestLog log,
                                      Consumer<String> chargedOutsideLeases, Supplier<String> node, Clock clock,
                                      Duration sweepEvery) {
        return new BatchSettler(store, adapters, catalog, ledger, log, chargedOutsideLeases, node, clock, sweepEvery);
    }

    /** Tries every open batch this node's providers run; returns how many were settled. */
    public int sweep() {
        int settled = 0;
        Instant now = clock.instant();
        for (BatchJob job : store.open(now.minus(SWEEP_DAYS), now, SWEEP_BATCHES)) {
            if (adapters.containsKey(job.provider()) && settle(job) == Outcome.SETTLED) {
                settled++;
            }
        }
        return settled;
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the batch sweep failed; it runs again in a minute", e);
        }
    }

    /** Settles one batch if it ended and no other node is settling it. Never throws. */
    public Outcome settle(BatchJob job) {
        String me = node.get();
        try {
            if (!store.claim(job.id(), me, clock.instant(), CLAIM_HOLD)) {
                return Outcome.TAKEN;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "batch " + job.id() + " could not be claimed for settlement", e);
            return Outcome.FAILED;
        }
        try {
            ProviderAdapter adapter = adapters.get(job.provider());
            Optional<ProviderKey> key = adapter == null ? Optional.empty()
                    : ProviderReads.key(adapter, job.keyName());
            if (key.isEmpty()) {
                LOG.warning("batch " + job.id() + " cannot be settled here: provider '" + job.provider()
                        + "' or its key '" + job.keyName() + "' is not configured on this node");
                store.release(job.id(), me);
                return Outcome.FAILED;
            }
            Optional<BatchResults> results = job.format().equals("anthropic")
                    ? anthropicResults(adapter, key.get(), job) : openAiResults(adapter, key.get(), job);
            if (results.isEmpty()) {
                store.release(job.id(), me);
                return Outcome.RUNNING;
            }
            long total = charge(job, results.get(), adapter);
            store.settled(job.id(), total, results.get().lines().size(), clock.instant());
            LOG.info("batch " + job.id() + " settled: " + results.get().lines().size() + " lines, "
                    + io.tollgate.adapters.pricing.Money.ofNanos(total).toUsdString() + " USD"
                    + (results.get().unreadable() > 0 ? ", " + results.get().unreadable() + " unreadable lines" : ""));
            return Outcome.SETTLED;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "batch " + job.id() + " could not be settled now; a later try will", e);
            try {
                store.release(job.id(), me);
            } catch (RuntimeException ignored) {
                // the claim lapses by itself
            }
            return Outcome.FAILED;
        }
    }

    /** Logs every line and settles every reservation; returns the batch's total cost. */
    private long charge(BatchJob job, BatchResults results, ProviderAdapter adapter) {
        Instant now = clock.instant();
        Map<String, LogRecord> rows = new LinkedHashMap<>();
        long total = 0;
        for (BatchResult line : results.lines()) {
            Optional<Price> price = price(job, line, adapter);
            long cost = price.map(p -> p.cost(line.usage()).nanos()).orElse(0L);
            if (price.isEmpty() && line.usage().totalTokens() > 0) {
                LOG.warning("a line of batch " + job.id() + " used model " + line.model().orElse(job.model())
                        + ", which has no batch price: its cost is not counted");
            }
            String id = requestId(job.id(), line.customId());
            rows.put(id, row(job, line, id, cost, now));
            total = Math.addExact(total, cost);
        }
        Map<String, String> known = log.ingested(rows.keySet());
        Map<String, LogRecord> fresh = new LinkedHashMap<>(rows);
        fresh.keySet().removeAll(known.keySet());
        if (!fresh.isEmpty()) {
            log.ingest(fresh);
        }
        for (BatchJob.Held held : job.reservations()) {
            ledger.settle(held.accountId(), held.ledgerId(), total, 0, now);
            chargedOutsideLeases.accept(held.accountId());
        }
        return total;
    }

    /** The batch price of the model that answered a line, or of the batch's model. */
    private Optional<Price> price(BatchJob job, BatchResult line, ProviderAdapter adapter) {
        String configured = job.model().substring(job.model().indexOf('/') + 1);
        return line.model().flatMap(model -> catalog.price(job.provider(), adapter.config().type(), model))
                .or(() -> catalog.price(job.provider(), adapter.config().type(), configured))
                .flatMap(standard -> batchPrices.price(adapter.config().type(), standard));
    }

    private LogRecord row(BatchJob job, BatchResult line, String id, long cost, Instant now) {
        Usage usage = line.usage();
        return new LogRecord(id, now, node.get(), job.virtualKeyId(), job.teamId(), job.customerId(),
                job.format() + ".batch_line", Optional.of(job.provider()), Optional.of(job.model()),
                Optional.of(job.keyName()), line.status(), line.status() >= 400 ? Optional.of("batch_line_failed")
                        : Optional.empty(), 1, 0, false, "none", 0, usage.inputTokens(), usage.cachedInputTokens(),
                usage.cacheWriteTokens() + usage.cacheWrite1hTokens(), usage.reasoningTokens(), usage.outputTokens(),
                cost, 0, 0, Optional.empty(), 0, 0, Optional.empty(), Optional.empty(), List.of(),
                new LogDimensions(job.tags(), job.endUser()));
    }

    /** The log's request id of one batch line: derived from the batch and the line, so every try names the same. */
    static String requestId(String batchId, String customId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((batchId + "\n" + customId).getBytes(StandardCharsets.UTF_8));
            return "bat_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private Optional<BatchResults> openAiResults(ProviderAdapter adapter, ProviderKey key, BatchJob job) {
        JsonNode batch = Json.parseObject(get(adapter, key, "/batches/" + job.id()));
        String status = batch.path("status").asText("");
        if (!OPENAI_ENDED.contains(status)) {
            return Optional.empty();
        }
        Optional<String> output = text(batch.path("output_file_id"));
        Optional<String> errors = text(batch.path("error_file_id"));
        store.resultFiles(job.id(), output, errors);
        List<BatchResult> lines = new ArrayList<>();
        int unreadable = 0;
        for (Optional<String> file : List.of(output, errors)) {
            if (file.isPresent()) {
                BatchResults read = OpenAiBatchFile.results(get(adapter, key, "/files/" + file.get() + "/content"));
                lines.addAll(read.lines());
                unreadable += read.unreadable();
            }
        }
        return Optional.of(new BatchResults(lines, unreadable));
    }

    private Optional<BatchResults> anthropicResults(ProviderAdapter adapter, ProviderKey key, BatchJob job) {
        JsonNode batch = Json.parseObject(get(adapter, key, "/messages/batches/" + job.id()));
        if (!batch.path("processing_status").asText("").equals("ended")) {
            return Optional.empty();
        }
        return Optional.of(AnthropicBatch.results(get(adapter, key, "/messages/batches/" + job.id() + "/results")));
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static byte[] get(ProviderAdapter adapter, ProviderKey key, String path) {
        return ProviderReads.get(adapter, key, path);
    }

    @Override
    public void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }
}
