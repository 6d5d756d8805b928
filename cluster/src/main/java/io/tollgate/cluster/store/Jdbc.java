package io.tollgate.cluster.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Borrowing a pooled connection for a unit of work, with or without a transaction around it (shared with the other
 * packages that keep tables in the store's database).
 */
public final class Jdbc {

    /** Work on a borrowed connection. */
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Jdbc() {
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode: each statement commits on its own. */
    public static <T> T withConnection(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public static <T> T inTransaction(DataSource dataSource, Work<T> work) throws SQLException {
        return withConnection(dataSource, connection -> {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }
}
