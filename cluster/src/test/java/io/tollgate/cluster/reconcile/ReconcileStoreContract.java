package io.tollgate.cluster.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.cluster.store.StateStore;
import io.tollgate.config.StoreConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database behind {@link JdbcReconcileStore} must do; one subclass per database. */
abstract class ReconcileStoreContract {

    static final LocalDate DAY1 = LocalDate.parse("2026-11-01");
    static final LocalDate DAY2 = LocalDate.parse("2026-11-02");

    StateStore store;
    JdbcReconcileStore reconcile;

    abstract StoreConfig freshDatabase() throws Exception;

    /** Drops the database of {@link #freshDatabase()}, after the store closed. */
    void dropDatabase() {
    }

    @BeforeEach
    void open() throws Exception {
        store = StateStore.open(freshDatabase());
        reconcile = JdbcReconcileStore.create(store, Clock.fixed(Instant.parse("2026-11-03T00:00:00Z"),
                ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        store.close();
        dropDatabase();
    }

    @Test
    void shouldReplaceAnImportedRangeSoReimportingChangesNothing() {
        List<ProviderFigure> first = List.of(api(DAY1, "gpt-a", 100, 1_000), api(DAY2, "gpt-a", 200, 2_000),
                api(DAY2, "gpt-b", 5, 50));
        reconcile.replaceImported("openai", ProviderFigure.OPENAI_API, DAY1, DAY2, first);
        reconcile.replaceImported("openai", ProviderFigure.OPENAI_API, DAY1, DAY2, first);
        assertThat(reconcile.figures("openai", DAY1, DAY2)).containsExactlyElementsOf(first);

        reconcile.replaceImported("openai", ProviderFigure.OPENAI_API, DAY2, DAY2, List.of(api(DAY2, "gpt-a", 7, 70)));

        assertThat(reconcile.figures("openai", DAY1, DAY2)).containsExactly(first.get(0), api(DAY2, "gpt-a", 7, 70));
        assertThat(reconcile.figures("other", DAY1, DAY2)).isEmpty();
        assertThatThrownBy(() -> reconcile.replaceImported("openai", ProviderFigure.OPENAI_API, DAY1, DAY1,
                List.of(api(DAY2, "gpt-a", 1, 1)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldLetALaterInvoiceReplaceAnEarlierOneOnTheDaysItCovers() {
        ProviderFigure old1 = invoice("csv:one", DAY1, "gpt-a", 10);
        ProviderFigure old2 = invoice("csv:one", DAY2, "gpt-a", 20);
        reconcile.replaceInvoice("openai", List.of(old1, old2));
        ProviderFigure corrected = invoice("csv:two", DAY2, "gpt-a", 25);

        reconcile.replaceInvoice("openai", List.of(corrected));

        assertThat(reconcile.figures("openai", DAY1, DAY2)).containsExactly(old1, corrected);
    }

    @Test
    void shouldSumTheRequestLogPerUtcDayAndModelWithoutCacheHits() throws SQLException {
        log("r1", "2026-11-01T23:59:59Z", "openai", "gpt-a", 200, "miss", 10, 2, 0, 5, 1, 1_000);
        log("r2", "2026-11-01T08:00:00Z", "openai", "gpt-a", 200, "none", 20, 0, 3, 6, 0, 2_000);
        log("r3", "2026-11-02T00:00:00Z", "openai", "gpt-a", 200, "none", 1, 0, 0, 1, 0, 10);
        log("r4", "2026-11-01T09:00:00Z", "openai", "gpt-a", 200, "hit-exact", 99, 0, 0, 99, 0, 0);
        log("r5", "2026-11-01T09:00:00Z", "openai", "gpt-a", 503, "none", 0, 0, 0, 0, 0, 0);
        log("r6", "2026-11-01T09:00:00Z", "anthropic", "gpt-a", 200, "none", 7, 0, 0, 7, 0, 70);

        assertThat(reconcile.gateway("openai", DAY1, DAY2)).containsExactly(
                new GatewayFigure(DAY1, "gpt-a", 2, ByType.of(30, 2, 3, 12), 3_000),
                new GatewayFigure(DAY2, "gpt-a", 1, ByType.of(1, 0, 0, 1), 10));
        assertThat(reconcile.gateway("openai", DAY2, DAY2)).hasSize(1);
    }

    static ProviderFigure api(LocalDate day, String model, long input, long cost) {
        return new ProviderFigure("openai", day, model, ProviderFigure.OPENAI_API, OptionalLong.of(3),
                new ByType(OptionalLong.of(input), OptionalLong.of(0), OptionalLong.empty(), OptionalLong.of(1)), cost,
                new ByType(OptionalLong.of(cost - 1), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(1)));
    }

    static ProviderFigure invoice(String source, LocalDate day, String model, long cost) {
        return new ProviderFigure("openai", day, model, source, OptionalLong.empty(), ByType.NONE, cost, ByType.NONE);
    }

    private void log(String id, String at, String provider, String model, int status, String cache, long input,
                     long cached, long write, long output, long reasoning, long cost) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO request_log (request_id,"
                        + " logged_at, format, node, route, provider, model, status, attempts, fallback_index,"
                        + " streamed, cache_status, cache_similarity, input_tokens, cached_input_tokens,"
                        + " cache_write_tokens, reasoning_tokens, output_tokens, cost_nanos, saved_nanos,"
                        + " latency_micros, upstream_micros, overhead_micros) VALUES (?, ?, 1, 'n', 'openai.chat', ?,"
                        + " ?, ?, 1, 0, false, ?, 0, ?, ?, ?, ?, ?, ?, 0, 1, 1, 1)")) {
            insert.setString(1, id);
            insert.setObject(2, OffsetDateTime.parse(at));
            insert.setString(3, provider);
            insert.setString(4, model);
            insert.setInt(5, status);
            insert.setString(6, cache);
            insert.setLong(7, input);
            insert.setLong(8, cached);
            insert.setLong(9, write);
            insert.setLong(10, reasoning);
            insert.setLong(11, output);
            insert.setLong(12, cost);
            insert.executeUpdate();
        }
    }
}
