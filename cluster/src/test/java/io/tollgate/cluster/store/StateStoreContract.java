package io.tollgate.cluster.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.config.StoreConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every database behind {@link StateStore} must do; one subclass per database. */
abstract class StateStoreContract {

    /** The same database for every call within a test class. */
    abstract StoreConfig config();

    abstract String expectedDialect();

    @Test
    void shouldApplyEachMigrationOnceAndRecordIt() throws SQLException {
        List<String> first;
        try (StateStore store = StateStore.open(config())) {
            first = versionRows(store);
        }
        try (StateStore store = StateStore.open(config())) {
            assertThat(versionRows(store)).isEqualTo(first);
            assertThat(Migrations.apply(store.dataSource(), store.sqlDialect())).isEmpty();
            assertThat(versionRows(store)).isEqualTo(first);
        }
        assertThat(first).hasSize(Migrations.SCRIPTS.size()).first().asString().startsWith("1 state ");
    }

    @Test
    void shouldNameItsDialect() {
        try (StateStore store = StateStore.open(config())) {
            assertThat(store.dialect()).isEqualTo(expectedDialect());
            assertThat(store.url()).startsWith("jdbc:" + expectedDialect() + ":");
        }
    }

    @Test
    void shouldBeHealthyWhileOpenAndUnhealthyOnceClosed() {
        StateStore store = StateStore.open(config());
        assertThat(store.healthy()).isTrue();
        store.close();
        assertThat(store.healthy()).isFalse();
    }

    @Test
    void shouldHaveEveryRowBackAfterReopening() {
        String map = "durable-" + UUID.randomUUID();
        try (StateStore store = StateStore.open(config())) {
            JdbcMapStore<String> budgets = JdbcMapStore.create(store, map, new PrefixCodec());
            budgets.store("team:a", "120000000");
            budgets.store("team:b", "5");
            budgets.store("team:b", "7");
            budgets.delete("team:a");
            budgets.store("team:c", "9");
        }
        try (StateStore store = StateStore.open(config())) {
            JdbcMapStore<String> budgets = JdbcMapStore.create(store, map, new PrefixCodec());
            assertThat(budgets.loadAllKeys()).containsExactlyInAnyOrder("team:b", "team:c");
            assertThat(budgets.load("team:b")).isEqualTo("7");
            assertThat(budgets.load("team:c")).isEqualTo("9");
        }
    }

    @Test
    void shouldLendConnectionsForTablesOfOtherModules() throws SQLException {
        String table = "t_" + UUID.randomUUID().toString().replace("-", "");
        try (StateStore store = StateStore.open(config());
                Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (id integer PRIMARY KEY)");
            statement.execute("INSERT INTO " + table + " (id) VALUES (42)");
            try (ResultSet rows = statement.executeQuery("SELECT id FROM " + table)) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(42);
            }
            statement.execute("DROP TABLE " + table);
        }
    }

    /** The version table as "version description applied_at" lines, oldest first. */
    static List<String> versionRows(StateStore store) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT version, description, applied_at FROM tollgate_schema_version ORDER BY version")) {
            while (result.next()) {
                rows.add(result.getInt(1) + " " + result.getString(2) + " " + result.getString(3));
            }
        }
        return rows;
    }
}
