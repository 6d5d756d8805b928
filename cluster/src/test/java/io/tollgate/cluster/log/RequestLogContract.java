package io.tollgate.cluster.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tollgate.cluster.store.StateStore;
import io.tollgate.config.LoggingConfig;
import io.tollgate.config.StoreConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database behind {@link JdbcRequestLog} must do; one subclass per database, a fresh one per test. */
abstract class RequestLogContract {

    static final int ROWS = 60;
    static final LoggingConfig CONFIG = new LoggingConfig(true, false, 16_384, 1_000, 30);

    StateStore store;
    JdbcRequestLog log;
    final List<LogRecord> written = LogRows.sample(ROWS);

    /** A configuration of an empty database of its own. */
    abstract StoreConfig freshDatabase() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = StateStore.open(freshDatabase());
        log = JdbcRequestLog.create(store, CONFIG, Clock.fixed(LogRows.NOW, ZoneOffset.UTC));
        written.forEach(row -> assertThat(log.offer(row)).isTrue());
        log.flush();
        assertThat(log.stats().written()).isEqualTo(ROWS);
    }

    @AfterEach
    void close() {
        log.close();
        store.close();
    }

    @Test
    void shouldReturnTheRowsOfEachFilterNewestFirst() {
        expectQuery(LogQuery.builder().virtualKeyId("vk-1"), row -> row.virtualKeyId().equals(Optional.of("vk-1")));
        expectQuery(LogQuery.builder().teamId("team-0"), row -> row.teamId().equals(Optional.of("team-0")));
        expectQuery(LogQuery.builder().customerId("cust-3"), row -> row.customerId().equals(Optional.of("cust-3")));
        expectQuery(LogQuery.builder().provider("anthropic"), row -> row.provider().equals(Optional.of("anthropic")));
        expectQuery(LogQuery.builder().model("model-2"), row -> row.model().equals(Optional.of("model-2")));
        expectQuery(LogQuery.builder().status(500), row -> row.status() == 500);
        expectQuery(LogQuery.builder().endUser("user-2"), row -> row.dimensions().endUser().equals(Optional.of("user-2")));
        expectQuery(LogQuery.builder().tag("feature", "x;y=z%"),
                row -> "x;y=z%".equals(row.dimensions().tags().get("feature")));
        expectQuery(LogQuery.builder().tag("env", "prod").tag("env", "prod"),
                row -> "prod".equals(row.dimensions().tags().get("env")));
        expectQuery(LogQuery.builder().cacheStatus("hit-semantic"), row -> row.cacheStatus().equals("hit-semantic"));
        expectQuery(LogQuery.builder().minCostNanos(50_000_001L), row -> row.costNanos() >= 50_000_001L);
        expectQuery(LogQuery.builder().from(LogRows.NOW.minus(Duration.ofHours(3))).to(LogRows.NOW),
                row -> !row.time().isBefore(LogRows.NOW.minus(Duration.ofHours(3))) && row.time().isBefore(LogRows.NOW));
        expectQuery(LogQuery.builder().provider("openai").status(200).teamId("team-0"),
                row -> row.provider().equals(Optional.of("openai")) && row.status() == 200
                        && row.teamId().equals(Optional.of("team-0")));
        expectQuery(LogQuery.builder(), row -> true);
    }

    @Test
    void shouldPageThroughEveryRowExactlyOnceNewestFirst() {
        List<LogRecord> seen = new ArrayList<>();
        LogQuery query = LogQuery.builder().limit(7).build();
        int pages = 0;
        while (true) {
            LogPage page = log.query(query);
            seen.addAll(page.rows());
            pages++;
            if (page.nextCursor().isEmpty()) {
                break;
            }
            assertThat(page.rows()).hasSize(7);
            query = query.withCursor(page.nextCursor());
        }
        assertThat(pages).isEqualTo((ROWS + 6) / 7);
        assertThat(seen).containsExactlyElementsOf(LogRows.newestFirst(written));
    }

    @Test
    void shouldExportEveryMatchingRowInOrder() {
        List<LogRecord> exported = new ArrayList<>();
        log.export(LogQuery.builder().limit(1).build(), exported::add);
        assertThat(exported).containsExactlyElementsOf(LogRows.newestFirst(written));

        List<LogRecord> openai = new ArrayList<>();
        log.export(LogQuery.builder().provider("openai").build(), openai::add);
        assertThat(openai).containsExactlyElementsOf(LogRows.newestFirst(written.stream()
                .filter(row -> row.provider().equals(Optional.of("openai"))).toList()));
    }

    @Test
    void shouldExportMoreRowsThanAChunkEachWithItsAttempts() {
        List<LogRecord> many = LogRows.sample(1_100); // the first ROWS are stored already and are skipped
        for (int from = 0; from < many.size(); from += 500) {
            many.subList(from, Math.min(many.size(), from + 500)).forEach(row -> assertThat(log.offer(row)).isTrue());
            log.flush();
        }

        List<LogRecord> exported = new ArrayList<>();
        log.export(LogQuery.builder().build(), exported::add);
        assertThat(exported).hasSize(many.size()).containsExactlyElementsOf(LogRows.newestFirst(many));
    }

    @Test
    void shouldSumSpendToTheNanoDollarPerGroup() {
        expectSpend(SpendQuery.GroupBy.CUSTOMER, row -> row.customerId().orElse(""));
        expectSpend(SpendQuery.GroupBy.TEAM, row -> row.teamId().orElse(""));
        expectSpend(SpendQuery.GroupBy.VIRTUAL_KEY, row -> row.virtualKeyId().orElse(""));
        expectSpend(SpendQuery.GroupBy.PROVIDER, row -> row.provider().orElse(""));
        expectSpend(SpendQuery.GroupBy.MODEL, row -> row.model().orElse(""));
        expectSpend(SpendQuery.GroupBy.DAY, row -> LocalDate.ofInstant(row.time(), ZoneOffset.UTC).toString());
        assertThat(log.spend(new SpendQuery(SpendQuery.GroupBy.DAY, Optional.empty(), Optional.empty())))
                .extracting(SpendRow::group).containsExactly("2026-11-28", "2026-11-29");
        assertThat(log.spend(new SpendQuery(SpendQuery.GroupBy.DAY, Optional.of(LogRows.NOW.plusSeconds(1)),
                Optional.empty()))).isEmpty();
    }

    @Test
    void shouldSumOnlyOneOwnersSpendWhenAskedTo() {
        String customer = written.stream().flatMap(row -> row.customerId().stream()).findFirst().orElseThrow();
        String team = written.stream().flatMap(row -> row.teamId().stream()).findFirst().orElseThrow();

        List<SpendRow> customers = log.spend(new SpendQuery(SpendQuery.GroupBy.PROVIDER, false, Optional.empty(),
                Optional.empty(), Optional.of(customer), Optional.empty(), Optional.empty()));
        List<SpendRow> teams = log.spend(new SpendQuery(SpendQuery.GroupBy.PROVIDER, false, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(team), Optional.empty()));

        assertThat(customers.stream().mapToLong(SpendRow::costNanos).sum()).isEqualTo(written.stream()
                .filter(row -> row.customerId().equals(Optional.of(customer))).mapToLong(LogRecord::costNanos).sum());
        assertThat(customers.stream().mapToLong(SpendRow::requests).sum()).isEqualTo(written.stream()
                .filter(row -> row.customerId().equals(Optional.of(customer))).count());
        assertThat(teams.stream().mapToLong(SpendRow::requests).sum()).isEqualTo(written.stream()
                .filter(row -> row.teamId().equals(Optional.of(team))).count());
    }

    @Test
    void shouldSumSpendPerTagValueAndPerEndUser() {
        for (String tag : List.of("feature", "env")) {
            assertThat(log.spend(new SpendQuery(SpendQuery.GroupBy.TAG, false, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.of(tag)))).as("spend by tag %s", tag)
                    .containsExactlyElementsOf(expected(row -> row.dimensions().tags().getOrDefault(tag, ""),
                            row -> "").values());
        }
        expectSpend(SpendQuery.GroupBy.END_USER, row -> row.dimensions().endUser().orElse(""));
    }

    @Test
    void shouldSumSpendPerGroupAndDay() {
        Function<LogRecord, String> day = row -> LocalDate.ofInstant(row.time(), ZoneOffset.UTC).toString();
        for (SpendQuery.GroupBy groupBy : List.of(SpendQuery.GroupBy.PROVIDER, SpendQuery.GroupBy.MODEL,
                SpendQuery.GroupBy.TEAM, SpendQuery.GroupBy.CUSTOMER, SpendQuery.GroupBy.VIRTUAL_KEY)) {
            Function<LogRecord, String> group = switch (groupBy) {
                case PROVIDER -> row -> row.provider().orElse("");
                case MODEL -> row -> row.model().orElse("");
                case TEAM -> row -> row.teamId().orElse("");
                case CUSTOMER -> row -> row.customerId().orElse("");
                default -> row -> row.virtualKeyId().orElse("");
            };
            List<SpendRow> daily = log.spend(new SpendQuery(groupBy, true, Optional.empty(), Optional.empty()));
            assertThat(daily).as("spend by %s and day", groupBy)
                    .containsExactlyElementsOf(expected(group, day).values());
            assertThat(daily.stream().map(SpendRow::day).distinct()).as("days of %s", groupBy)
                    .containsExactlyInAnyOrder("2026-11-28", "2026-11-29");
        }
        assertThat(log.spend(new SpendQuery(SpendQuery.GroupBy.DAY, true, Optional.empty(), Optional.empty())))
                .allSatisfy(row -> assertThat(row.day()).isEqualTo(row.group()));
    }

    @Test
    void shouldReadEachRequestWithItsAttemptsInOrder() throws SQLException {
        LogRecord fallback = written.get(1);
        LogRecord hit = written.get(4);

        assertThat(log.find(fallback.requestId())).contains(LogRows.withoutBodies(fallback));
        assertThat(log.find(fallback.requestId()).orElseThrow().attemptLog())
                .extracting(AttemptRecord::attempt, AttemptRecord::fallbackIndex, AttemptRecord::provider,
                        AttemptRecord::status, AttemptRecord::errorType)
                .containsExactly(tuple(1, 0, "openai", 503, Optional.of("upstream_error")),
                        tuple(2, 1, "anthropic", 200, Optional.empty()));
        assertThat(hit.cacheStatus()).isEqualTo("hit-exact");
        assertThat(log.find(hit.requestId()).orElseThrow().attemptLog()).isEmpty();
        assertThat(log.find("no-such-request")).isEmpty();
        assertThat(attemptRows()).isEqualTo(attemptsOf(written)).isPositive();
    }

    @Test
    void shouldWriteARequestAndItsAttemptsTogetherOrNeither() throws SQLException {
        LogRecord plain = LogRows.record(1003, LogRows.NOW.minusSeconds(5));
        LogRecord refused = plain.withAttemptLog(List.of(new AttemptRecord(1, 0, LogRows.NOW, "refused", "m", "k",
                503, Optional.of("upstream_error"), 1), plain.attemptLog().getLast()));
        execute("ALTER TABLE " + AttemptTable.NAME + " ADD CONSTRAINT test_refuse CHECK (provider <> 'refused')");

        assertThat(log.offer(refused)).isTrue();
        log.flush(); // returns at the first failed write

        assertThat(log.stats().failedBatches()).isPositive();
        assertThat(log.stats().lastError()).isPresent();
        assertThat(log.find(refused.requestId())).isEmpty();
        assertThat(attemptRows()).isEqualTo(attemptsOf(written));

        execute("ALTER TABLE " + AttemptTable.NAME + " DROP CONSTRAINT test_refuse");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (log.stats().written() < ROWS + 1 && System.nanoTime() < deadline) {
            log.flush();
        }

        assertThat(log.stats().lastError()).isEmpty();
        assertThat(log.find(refused.requestId())).contains(LogRows.withoutBodies(refused));
        assertThat(attemptRows()).isEqualTo(attemptsOf(written) + 2);
    }

    @Test
    void shouldStoreOneRowForARequestOfferedTwice() throws SQLException {
        LogRecord again = written.get(1);
        assertThat(log.offer(again)).isTrue();
        assertThat(log.offer(again.withAttemptLog(List.of(again.attemptLog().getLast())))).isTrue();
        LogRecord fresh = LogRows.record(1003, LogRows.NOW.minusSeconds(5));
        assertThat(log.offer(fresh)).isTrue();
        assertThat(log.offer(fresh.withAttemptLog(List.of()))).isTrue();
        log.flush();

        assertThat(log.stats().lastError()).isEmpty();
        List<LogRecord> rows = log.query(LogQuery.builder().limit(1000).build()).rows();
        assertThat(rows).hasSize(ROWS + 1).filteredOn(row -> row.requestId().equals(again.requestId())).hasSize(1);
        assertThat(log.find(again.requestId())).contains(LogRows.withoutBodies(again));
        assertThat(log.find(fresh.requestId())).contains(LogRows.withoutBodies(fresh));
        assertThat(attemptRows()).isEqualTo(attemptsOf(written) + 2);
    }

    @Test
    void shouldDeleteRowsPastTheRetention() throws Exception {
        LogRecord old = LogRows.record(1003, LogRows.NOW.minus(Duration.ofDays(31)));
        LogRecord recent = LogRows.record(1001, LogRows.NOW.minus(Duration.ofDays(29)));
        log.offer(old);
        log.offer(recent);
        log.flush();
        assertThat(log.query(LogQuery.builder().limit(1000).build()).rows()).hasSize(ROWS + 2);
        assertThat(attemptRows()).isEqualTo(attemptsOf(written) + 2);

        assertThat(log.deleteExpired(LogRows.NOW)).isEqualTo(1);

        List<LogRecord> rows = log.query(LogQuery.builder().limit(1000).build()).rows();
        assertThat(rows).hasSize(ROWS + 1).extracting(LogRecord::requestId)
                .contains(recent.requestId()).doesNotContain(old.requestId());
        assertThat(attemptRows()).isEqualTo(attemptsOf(written));
        assertThat(log.deleteExpired(LogRows.NOW.plus(Duration.ofDays(31)))).isEqualTo(ROWS + 1);
        assertThat(log.query(LogQuery.builder().build()).rows()).isEmpty();
        assertThat(attemptRows()).isZero();
    }

    static long attemptsOf(List<LogRecord> rows) {
        return rows.stream().mapToLong(row -> row.attemptLog().size()).sum();
    }

    long attemptRows() throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + AttemptTable.NAME)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private void expectQuery(LogQuery.Builder query, Predicate<LogRecord> filter) {
        List<LogRecord> expected = LogRows.newestFirst(written.stream().filter(filter).toList());
        assertThat(expected).isNotEmpty();
        LogPage page = log.query(query.limit(1000).build());
        assertThat(page.rows()).containsExactlyElementsOf(expected);
        assertThat(page.nextCursor()).isEmpty();
    }

    private void expectSpend(SpendQuery.GroupBy groupBy, Function<LogRecord, String> group) {
        assertThat(log.spend(new SpendQuery(groupBy, Optional.empty(), Optional.empty())))
                .as("spend by %s", groupBy).containsExactlyElementsOf(expected(group, row -> "").values());
    }

    /** The written rows summed per group and day, ordered by group then day. */
    private Map<String, SpendRow> expected(Function<LogRecord, String> group, Function<LogRecord, String> day) {
        Map<String, SpendRow> expected = new TreeMap<>();
        for (LogRecord row : written) {
            expected.merge(group.apply(row) + "\u0000" + day.apply(row), new SpendRow(group.apply(row),
                    day.apply(row), 1, row.inputTokens(), row.outputTokens(), row.costNanos(), row.savedNanos(),
                    row.status() >= 400 ? 1 : 0, row.cacheStatus().startsWith("hit") ? 1 : 0),
                    (a, b) -> new SpendRow(a.group(), a.day(), a.requests() + b.requests(),
                            a.inputTokens() + b.inputTokens(), a.outputTokens() + b.outputTokens(),
                            a.costNanos() + b.costNanos(), a.savedNanos() + b.savedNanos(), a.errors() + b.errors(),
                            a.cacheHits() + b.cacheHits()));
        }
        return expected;
    }
}
