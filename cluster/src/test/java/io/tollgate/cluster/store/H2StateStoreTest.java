package io.tollgate.cluster.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.config.StoreConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2StateStoreTest extends StateStoreContract {

    @TempDir
    static Path dataDir;

    @Override
    StoreConfig config() {
        return new StoreConfig(Optional.empty(), Optional.empty(), Optional.empty(), dataDir.resolve("data"));
    }

    @Override
    String expectedDialect() {
        return "h2";
    }

    @Test
    void shouldCreateTheDatabaseFileInTheDataDirectory() {
        Path dir = dataDir.resolve("nested/deeper");
        try (StateStore store = StateStore.open(
                new StoreConfig(Optional.empty(), Optional.empty(), Optional.empty(), dir))) {
            assertThat(store.url()).startsWith("jdbc:h2:file:" + dir.toAbsolutePath() + "/tollgate;");
        }
        assertThat(dir.resolve("tollgate.mv.db")).isRegularFile();
    }

    @Test
    void shouldWriteEveryCommitThrough() throws SQLException {
        try (StateStore store = StateStore.open(config());
                Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                        + " WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("0");
        }
    }
}
