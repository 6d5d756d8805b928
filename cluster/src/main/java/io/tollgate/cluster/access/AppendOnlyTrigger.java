package io.tollgate.cluster.access;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2's guard of the audit log (migration V7): refuses every {@code UPDATE} and {@code DELETE} of its rows, as the
 * PL/pgSQL trigger does on PostgreSQL.
 */
public final class AppendOnlyTrigger implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("audit_log is append-only: " + (newRow == null ? "DELETE" : "UPDATE") + " refused",
                "42501");
    }
}
