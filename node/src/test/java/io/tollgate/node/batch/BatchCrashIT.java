package io.tollgate.node.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapters.spi.ProviderAdapter;
import io.tollgate.adapters.spi.ProviderAdapters;
import io.tollgate.cluster.batch.BatchJob;
import io.tollgate.cluster.ledger.BudgetLedger;
import io.tollgate.cluster.ledger.CounterView;
import io.tollgate.cluster.ledger.ForwardingBudgetLedger;
import io.tollgate.cluster.ledger.LedgerUnavailableException;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.MutableClock;
import io.tollgate.node.testing.NodeHarness;
import io.tollgate.node.upstream.HelidonTransport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Settling a batch when nodes fail half way: a node whose ledger fails after the lines were logged gives the batch
 * back, a node that died holding the batch blocks others only until its claim lapses, and the node that finishes
 * the job charges the batch once and logs each line once.
 */
@Timeout(60)
class BatchCrashIT {

    private static final String KEY = "tg-crash-batch-000000001";
    private static final String BATCH = "{\"id\":\"msgbatch_c\",\"type\":\"message_batch\",\"processing_status\":\"%s\"}";

    private static FakeUpstream upstream;
    private static NodeHarness node;
    private static ScheduledExecutorService watchdog;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        upstream.on("/v1/messages/batches", Reply.json(200, BATCH.formatted("in_progress")));
        upstream.on("/v1/messages/batches/msgbatch_c", Reply.json(200, BATCH.formatted("ended")));
        upstream.on("/v1/messages/batches/msgbatch_c/results", exchange -> {
            byte[] bytes = ("{\"custom_id\":\"x\",\"result\":{\"type\":\"succeeded\",\"message\":{\"model\":"
                    + "\"claude-haiku-4-5\",\"usage\":{\"input_tokens\":1000,\"output_tokens\":100}}}}\n"
                    + "{\"custom_id\":\"y\",\"result\":{\"type\":\"succeeded\",\"message\":{\"model\":"
                    + "\"claude-haiku-4-5\",\"usage\":{\"input_tokens\":500,\"output_tokens\":40}}}}\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        node = NodeHarness.start("""
                server: { port: 0 }
                providers:
                  an:
                    type: anthropic
                    base_url: %s
                    keys: [ { name: a1, value: sk-ant-000000000000000 } ]
                governance:
                  enforce: true
                  virtual_keys:
                    - { name: crash, value: %s, budgets: [ { max_limit: 5, reset_duration: 30d } ] }
                """.formatted(upstream.url(), KEY));
        watchdog = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void stop() {
        node.close();
        upstream.close();
        watchdog.shutdownNow();
    }

    @Test
    void shouldChargeAndLogEveryLineExactlyOnceWhateverFailedBefore() {
        var submitted = node.post("/anthropic/v1/messages/batches", "{\"requests\":[{\"custom_id\":\"x\",\"params\":"
                + "{\"model\":\"an/claude-haiku-4-5\",\"max_tokens\":200,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"a\"}]}},{\"custom_id\":\"y\",\"params\":{\"model\":\"an/claude-haiku-4-5\",\"max_tokens\":200,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"b\"}]}}]}", "x-api-key", KEY);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        BatchJob job = node.node().cluster().batches().job("msgbatch_c").orElseThrow();
        long reserved = budget().reserved();
        assertThat(reserved).isPositive();
        MutableClock clock = MutableClock.at(Instant.now());

        // node 1 logs the lines, then its ledger fails before the charge: it gives the batch back
        AtomicInteger refused = new AtomicInteger();
        BudgetLedger failing = new ForwardingBudgetLedger(node.node().cluster().ledger()) {
            @Override
            public List<CounterView> settle(String accountId, String requestId, long costNanos, long tokens,
                                            Instant now) {
                refused.incrementAndGet();
                throw new LedgerUnavailableException("the grid is gone", null);
            }
        };
        assertThat(settler("node-1", failing, clock).settle(job)).isEqualTo(BatchSettler.Outcome.FAILED);
        assertThat(refused).hasValue(1);
        assertThat(lines()).hasSize(2);
        assertThat(budget().used()).isZero();
        assertThat(budget().reserved()).isEqualTo(reserved);

        // node 2 takes it and dies holding it: nobody else may settle it until its claim lapses
        assertThat(node.node().cluster().batches().claim(job.id(), "node-2", clock.instant(), Duration.ofMinutes(10)))
                .isTrue();
        BatchSettler third = settler("node-3", node.node().cluster().ledger(), clock);
        assertThat(third.settle(job)).isEqualTo(BatchSettler.Outcome.TAKEN);
        clock.advance(Duration.ofMinutes(11));

        // node 3 finishes: 1,000 + 500 input at $0.50/M and 100 + 40 output at $2.50/M = $0.0011
        assertThat(third.settle(job)).isEqualTo(BatchSettler.Outcome.SETTLED);
        assertThat(budget().used()).isEqualTo(1_100_000L);
        assertThat(budget().reserved()).isZero();
        assertThat(lines()).hasSize(2);
        assertThat(node.node().cluster().batches().settledCost(job.id())).contains(1_100_000L);
        assertThat(third.settle(job)).isEqualTo(BatchSettler.Outcome.TAKEN);
        assertThat(node.node().batches().sweep()).isZero();
        assertThat(budget().used()).isEqualTo(1_100_000L);
    }

    private static BatchSettler settler(String name, BudgetLedger ledger, MutableClock clock) {
        var config = node.node().config().providers().get("an");
        ProviderAdapter adapter = ProviderAdapters.create(config, HelidonTransport.create(config, watchdog), clock);
        return BatchSettler.create(node.node().cluster().batches(), Map.of("an", adapter),
                io.tollgate.adapters.pricing.PricingCatalog.bundled(), ledger, node.node().cluster().requestLog(),
                account -> { }, () -> name, clock, Duration.ZERO);
    }

    private static BatchFixtures.Budget budget() {
        return BatchFixtures.budget(node, "crash");
    }

    private static List<io.tollgate.cluster.log.LogRecord> lines() {
        return BatchFixtures.rows(node, "anthropic.batch_line");
    }
}
