package io.tollgate.cluster.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.cluster.store.StateStore;
import io.tollgate.config.StoreConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database behind {@link AdminTokens} and {@link AuditLog} must do; one subclass per database. */
abstract class AccessStoreContract {

    static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    StateStore store;
    AdminTokens tokens;
    AuditLog audit;

    abstract StoreConfig freshDatabase() throws Exception;

    /** Drops the database of {@link #freshDatabase()}, after the store closed. */
    void dropDatabase() {
    }

    @BeforeEach
    void open() throws Exception {
        store = StateStore.open(freshDatabase());
        tokens = AdminTokens.create(store);
        audit = AuditLog.create(store);
    }

    @AfterEach
    void close() {
        store.close();
        dropDatabase();
    }

    @Test
    void shouldAuthenticateATokenByItsValueAndStoreOnlyItsHash() throws SQLException {
        CreatedAdminToken created = tokens.create("ci reader", Role.VIEWER, Optional.of(TokenScope.team("team_a")),
                "bootstrap", T0);

        assertThat(created.value()).startsWith("tga-").hasSize(47);
        assertThat(created.toString()).doesNotContain(created.value());
        assertThat(tokens.authenticate(created.value())).contains(created.token());
        assertThat(created.token().scope()).contains(TokenScope.team("team_a"));
        assertThat(tokens.authenticate(created.value() + "x")).isEmpty();
        assertThat(tokens.authenticate("tg-not-an-admin-token")).isEmpty();
        try (Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT * FROM admin_token")) {
            rows.next();
            for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                assertThat(String.valueOf(rows.getObject(column))).doesNotContain(created.value());
            }
        }
    }

    @Test
    void shouldStopAuthenticatingARevokedTokenAndKeepListingIt() {
        CreatedAdminToken kept = tokens.create("kept", Role.ADMIN, Optional.empty(), "bootstrap", T0);
        CreatedAdminToken revoked = tokens.create("gone", Role.OPERATOR, Optional.empty(), "bootstrap", T0);

        Optional<AdminToken> after = tokens.revoke(revoked.token().id(), T0.plusSeconds(60));

        assertThat(after.orElseThrow().revokedAt()).contains(T0.plusSeconds(60));
        assertThat(tokens.authenticate(revoked.value())).isEmpty();
        assertThat(tokens.authenticate(kept.value())).isPresent();
        assertThat(tokens.list()).extracting(AdminToken::name).containsExactlyInAnyOrder("kept", "gone");
        assertThat(tokens.revoke(revoked.token().id(), T0.plusSeconds(120)).orElseThrow().revokedAt())
                .contains(T0.plusSeconds(60));
        assertThat(tokens.revoke("tok_missing", T0)).isEmpty();
    }

    @Test
    void shouldAppendAndReadNewestFirstWithFiltersAndCursor() {
        AuditEntry first = audit.append(entry(T0, "customer.create", "customer", "cust_1", null, "{\"name\":\"a\"}"));
        AuditEntry second = audit.append(entry(T0.plusSeconds(1), "customer.update", "customer", "cust_1",
                "{\"name\":\"a\"}", "{\"name\":\"b\"}"));
        AuditEntry third = audit.append(entry(T0.plusSeconds(2), "team.create", "team", "team_1", null, "{}"));

        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(third.id()).isGreaterThan(second.id());
        assertThat(audit.query(page(Optional.empty(), Optional.empty(), 10))).containsExactly(third, second, first);
        assertThat(audit.query(page(Optional.of("customer"), Optional.empty(), 10))).containsExactly(second, first);
        assertThat(audit.query(page(Optional.empty(), Optional.of(third.id()), 1))).containsExactly(second);
        assertThat(audit.latest("customer.update", "customer", "cust_1")).contains(second);
        List<AuditEntry> exported = new ArrayList<>();
        audit.export(AuditQuery.ALL, exported::add);
        assertThat(exported).containsExactly(first, second, third);
    }

    @Test
    void shouldRefuseToUpdateOrDeleteAuditRowsInTheDatabaseItself() throws SQLException {
        audit.append(entry(T0, "cache.clear", "cache", "all", null, null));

        try (Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE audit_log SET action = 'forged'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        try (Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM audit_log"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        assertThat(audit.query(page(Optional.empty(), Optional.empty(), 10))).singleElement()
                .extracting(AuditEntry::action).isEqualTo("cache.clear");
    }

    static AuditEntry entry(Instant at, String action, String type, String id, String before, String after) {
        return new AuditEntry(0, at, "tok_x", "admin", "ops", "10.0.0.7", "node-1", action, type, id,
                Optional.ofNullable(before), Optional.ofNullable(after));
    }

    static AuditQuery page(Optional<String> type, Optional<Long> beforeId, int limit) {
        return new AuditQuery(type, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), beforeId, limit);
    }
}
