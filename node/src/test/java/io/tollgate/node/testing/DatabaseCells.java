package io.tollgate.node.testing;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads every cell of every table of one schema as text, so a test can look for what must never be stored. */
public final class DatabaseCells {

    private DatabaseCells() {
    }

    /**
     * Every non-null cell of every table in {@code schema} (as the database spells it: {@code PUBLIC} in H2, the
     * lower-case name in PostgreSQL), in table order, then row order.
     */
    public static List<Cell> read(Connection connection, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet rows = meta.getTables(null, schema, "%", null)) {
            while (rows.next()) {
                String type = rows.getString("TABLE_TYPE");
                if (type != null && type.toUpperCase(java.util.Locale.ROOT).contains("TABLE")
                        && !type.toUpperCase(java.util.Locale.ROOT).contains("SYSTEM")) {
                    tables.add(rows.getString("TABLE_NAME"));
                }
            }
        }
        List<Cell> cells = new ArrayList<>();
        for (String table : tables) {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT * FROM \"" + schema + "\".\"" + table + "\"")) {
                ResultSetMetaData columns = rows.getMetaData();
                while (rows.next()) {
                    for (int c = 1; c <= columns.getColumnCount(); c++) {
                        String value = rows.getString(c);
                        if (value != null) {
                            cells.add(new Cell(table, columns.getColumnName(c), value));
                        }
                    }
                }
            }
        }
        return cells;
    }

    /** One cell: its table, its column and its value as text. */
    public record Cell(String table, String column, String value) {
    }
}
