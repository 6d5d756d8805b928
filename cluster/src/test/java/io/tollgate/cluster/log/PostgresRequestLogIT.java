package io.tollgate.cluster.log;

import io.tollgate.cluster.store.PostgresSchema;
import io.tollgate.config.StoreConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PostgresRequestLogIT extends RequestLogContract {

    private PostgresSchema schema;

    @Override
    StoreConfig freshDatabase() {
        schema = PostgresSchema.create();
        return schema.config();
    }

    @Test
    void shouldPartitionByMonthAndDropWholeMonthsPastTheRetention() throws Exception {
        assertThat(partitions("request_log")).contains("request_log_default", "request_log_y2026m11",
                "request_log_y2026m12", "request_log_y2027m01");
        assertThat(partitions(AttemptTable.NAME)).contains("request_log_attempts_default",
                "request_log_attempts_y2026m11", "request_log_attempts_y2026m12",
                "request_log_attempts_y2027m01");
        assertThat(attemptRows()).isPositive();

        long deleted = log.deleteExpired(LogRows.NOW.plus(Duration.ofDays(40)));

        assertThat(partitions("request_log")).doesNotContain("request_log_y2026m11").contains("request_log_y2026m12");
        assertThat(partitions(AttemptTable.NAME)).doesNotContain("request_log_attempts_y2026m11")
                .contains("request_log_attempts_y2026m12");
        assertThat(deleted).isZero();
        assertThat(log.query(LogQuery.builder().build()).rows()).isEmpty();
        assertThat(attemptRows()).isZero();
    }

    private List<String> partitions(String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c"
                        + " ON c.oid = i.inhrelid WHERE i.inhparent = '" + table + "'::regclass")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (schema != null) {
            schema.close();
        }
    }
}
