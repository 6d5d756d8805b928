package io.tollgate.node.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cluster.alerts.HazelcastAlertClaims;
import io.tollgate.cluster.grid.Grid;
import io.tollgate.cluster.grid.GridSettings;
import io.tollgate.cluster.ledger.CounterKind;
import io.tollgate.cluster.ledger.CounterView;
import io.tollgate.cluster.ledger.Level;
import io.tollgate.config.AlertsConfig;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.NodeClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Budget alerts on a three-member grid (one JVM): three nodes seeing the same budget cross 80% at the same moment
 * send exactly one webhook call, with the budget's figures; the next passes send nothing more; a failing receiver
 * gets the alert again with backoff until it takes it.
 */
@Timeout(120)
class BudgetAlertsIT {

    private static final List<Grid> MEMBERS = new ArrayList<>();
    private static final Instant RESET = Instant.parse("2026-12-01T00:00:00Z");

    @BeforeAll
    static void startMembers() {
        String cluster = "alerts-" + UUID.randomUUID();
        Grid first = Grid.start(GridSettings.local(cluster), Map.of());
        MEMBERS.add(first);
        int port = first.instance().getCluster().getLocalMember().getAddress().getPort();
        for (int i = 0; i < 2; i++) {
            MEMBERS.add(Grid.start(new GridSettings(cluster, "127.0.0.1", 0, List.of("127.0.0.1:" + port)), Map.of()));
        }
    }

    @AfterAll
    static void stopMembers() {
        MEMBERS.forEach(Grid::close);
    }

    /** A webhook receiver at {@code /hook} that answers 200 and keeps every body. */
    private static FakeUpstream receiver(AtomicInteger calls, List<String> bodies) {
        FakeUpstream receiver = FakeUpstream.start();
        receiver.on("/hook", exchange -> {
            calls.incrementAndGet();
            bodies.add(receiver.last().body());
            Reply.json(200, "{}").write(exchange);
        });
        return receiver;
    }

    private static BudgetState budget(String id, long usedNanos) {
        return new BudgetState(new CounterView(id, CounterKind.BUDGET, Level.TEAM, "team_search", 10_000_000_000L,
                usedNanos, 0, 0, Optional.of(RESET), true), "search");
    }

    private static List<BudgetAlerts> nodes(URI hook, AtomicReference<List<BudgetState>> budgets) {
        AlertsConfig config = new AlertsConfig(List.of(50, 80, 90, 100), 60_000, 4,
                List.of(new AlertsConfig.Webhook(AlertsConfig.Webhook.Type.JSON, hook)));
        Clock clock = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), java.time.ZoneOffset.UTC);
        return MEMBERS.stream().map(member -> BudgetAlerts.create(config, budgets::get,
                HazelcastAlertClaims.create(member), clock)).toList();
    }

    @Test
    void shouldSendOneWebhookCallWhenThreeNodesSeeABudgetCrossATresholdAtOnce() throws Exception {
        String id = "team:team_search:" + UUID.randomUUID();
        AtomicInteger calls = new AtomicInteger();
        List<String> bodies = java.util.Collections.synchronizedList(new ArrayList<>());
        try (FakeUpstream receiver = receiver(calls, bodies)) {
            AtomicReference<List<BudgetState>> budgets = new AtomicReference<>(List.of(budget(id, 8_500_000_000L)));
            List<BudgetAlerts> nodes = nodes(URI.create(receiver.url() + "/hook"), budgets);
            try {
                CountDownLatch go = new CountDownLatch(1);
                ExecutorService pool = Executors.newFixedThreadPool(3);
                List<Future<Integer>> claimed = new ArrayList<>();
                for (BudgetAlerts node : nodes) {
                    claimed.add(pool.submit(() -> {
                        go.await();
                        return node.check();
                    }));
                }
                go.countDown();
                int sending = 0;
                for (Future<Integer> result : claimed) {
                    sending += result.get();
                }
                pool.shutdown();
                nodes.forEach(node -> node.awaitDeliveries(Duration.ofSeconds(10)));

                assertThat(sending).as("one node won the claim").isEqualTo(1);
                assertThat(calls.get()).isEqualTo(1);
                var alert = NodeClient.parse(bodies.get(0));
                assertThat(alert.path("threshold_percent").asInt()).as("the highest crossed").isEqualTo(80);
                assertThat(alert.path("level").asText()).isEqualTo("team");
                assertThat(alert.path("owner_name").asText()).isEqualTo("search");
                assertThat(alert.path("usage_usd").decimalValue()).isEqualByComparingTo("8.5");
                assertThat(alert.path("limit_usd").decimalValue()).isEqualByComparingTo("10");
                assertThat(alert.path("resets_at").asText()).isEqualTo(RESET.toString());

                nodes.forEach(BudgetAlerts::check);
                budgets.set(List.of(budget(id, 9_200_000_000L)));
                int at90 = nodes.stream().mapToInt(BudgetAlerts::check).sum();
                nodes.forEach(node -> node.awaitDeliveries(Duration.ofSeconds(10)));

                assertThat(at90).isEqualTo(1);
                assertThat(calls.get()).as("80% once, then 90% once").isEqualTo(2);
            } finally {
                nodes.forEach(BudgetAlerts::close);
            }
        }
    }

    @Test
    void shouldRetryAFailingReceiverUntilItTakesTheAlert() {
        String id = "team:team_search:" + UUID.randomUUID();
        AtomicInteger calls = new AtomicInteger();
        try (FakeUpstream receiver = FakeUpstream.start()) {
            receiver.on("/hook", exchange -> (calls.incrementAndGet() <= 2 ? Reply.json(503, "{}")
                    : Reply.json(204, "")).write(exchange));
            List<BudgetAlerts> nodes = nodes(URI.create(receiver.url() + "/hook"),
                    new AtomicReference<>(List.of(budget(id, 10_000_000_000L))));
            try {
                int sending = nodes.stream().mapToInt(BudgetAlerts::check).sum();
                nodes.forEach(node -> node.awaitDeliveries(Duration.ofSeconds(20)));

                assertThat(sending).isEqualTo(1);
                assertThat(calls.get()).as("two failures, then delivered").isEqualTo(3);
            } finally {
                nodes.forEach(BudgetAlerts::close);
            }
        }
    }

    @Test
    void shouldAlertOnceWhenAProviderKeyIsMarkedDead() {
        AtomicInteger calls = new AtomicInteger();
        List<String> bodies = java.util.Collections.synchronizedList(new ArrayList<>());
        try (FakeUpstream receiver = receiver(calls, bodies)) {
            AlertsConfig config = new AlertsConfig(List.of(80), 60_000, 4,
                    List.of(new AlertsConfig.Webhook(AlertsConfig.Webhook.Type.JSON, URI.create(receiver.url() + "/hook"))));
            DeadKey dead = new DeadKey("openai", "primary-" + UUID.randomUUID(), "401 invalid_api_key",
                    Instant.parse("2026-11-29T11:59:00Z"));
            List<BudgetAlerts> nodes = MEMBERS.stream().map(member -> BudgetAlerts.create(config, List::of,
                    () -> List.of(dead), HazelcastAlertClaims.create(member), Clock.systemUTC())).toList();
            try {
                int sending = nodes.stream().mapToInt(BudgetAlerts::check).sum()
                        + nodes.stream().mapToInt(BudgetAlerts::check).sum();
                nodes.forEach(node -> node.awaitDeliveries(Duration.ofSeconds(10)));

                assertThat(sending).isEqualTo(1);
                assertThat(calls.get()).isEqualTo(1);
                var alert = NodeClient.parse(bodies.get(0));
                assertThat(alert.path("type").asText()).isEqualTo("provider_key_dead");
                assertThat(alert.path("key_name").asText()).isEqualTo(dead.keyName());
                assertThat(alert.path("reason").asText()).isEqualTo("401 invalid_api_key");
            } finally {
                nodes.forEach(BudgetAlerts::close);
            }
        }
    }

    @Test
    void shouldAlertOnceForTheClusterWhenSpendSpikes() {
        AtomicInteger calls = new AtomicInteger();
        List<String> bodies = java.util.Collections.synchronizedList(new ArrayList<>());
        try (FakeUpstream receiver = receiver(calls, bodies)) {
            AlertsConfig config = new AlertsConfig(List.of(80), 60_000, 4,
                    List.of(new AlertsConfig.Webhook(AlertsConfig.Webhook.Type.JSON, URI.create(receiver.url() + "/hook"))),
                    Optional.of(new AlertsConfig.CostSpike(5, 60, new java.math.BigDecimal("3"), java.math.BigDecimal.ONE)));
            Instant now = Instant.parse("2026-11-29T12:02:00Z").plusMillis(UUID.randomUUID().hashCode() & 0xffff);
            // $1 in the last 5 minutes ($12/h) against $1 in the hour before ($1/h)
            java.util.function.BiFunction<Instant, Instant, Long> spend = (from, to) -> 1_000_000_000L;
            List<BudgetAlerts> nodes = MEMBERS.stream().map(member -> BudgetAlerts.create(config, List::of, List::of,
                    spend, HazelcastAlertClaims.create(member), Clock.fixed(now, java.time.ZoneOffset.UTC))).toList();
            try {
                int sending = nodes.stream().mapToInt(BudgetAlerts::check).sum();
                nodes.forEach(node -> node.awaitDeliveries(Duration.ofSeconds(10)));

                assertThat(sending).isEqualTo(1);
                assertThat(calls.get()).isEqualTo(1);
                var alert = NodeClient.parse(bodies.get(0));
                assertThat(alert.path("type").asText()).isEqualTo("cost_spike");
                assertThat(alert.path("usd_per_hour").decimalValue()).isEqualByComparingTo("12");
                assertThat(alert.path("baseline_usd_per_hour").decimalValue()).isEqualByComparingTo("1");
            } finally {
                nodes.forEach(BudgetAlerts::close);
            }
        }
    }
}
