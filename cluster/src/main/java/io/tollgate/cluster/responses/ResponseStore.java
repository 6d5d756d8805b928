package io.tollgate.cluster.responses;

import io.tollgate.cluster.store.StateStore;
import io.tollgate.cluster.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The stored Responses in the state store's database (table {@code stored_response}, migration V12), shared by
 * every node: one row each, written once when the Response was answered, read by id, deleted by id. Thread-safe.
 */
public final class ResponseStore {

    /** How long a stored Response is kept: as long as OpenAI keeps its own. */
    public static final java.time.Duration RETENTION = java.time.Duration.ofDays(30);
    /** The row format written (see the migration). */
    static final int FORMAT = 1;
    private static final String COLUMNS = "id, format, provider, key_name, virtual_key_id, model, created_at, "
            + "response_json, input_json";

    private final DataSource dataSource;

    private ResponseStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The stored Responses in the store's database (already migrated by {@link StateStore#open}). */
    public static ResponseStore create(StateStore store) {
        return new ResponseStore(Objects.requireNonNull(store, "store").dataSource());
    }

    /**
     * Records a Response. An id recorded already keeps its first record (a provider never reuses an id; the
     * gateway's are unique): false then.
     *
     * @throws StoreException when the database fails
     */
    public boolean put(StoredResponse response) {
        Optional<StoredResponse.Local> local = response.local();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO stored_response (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, response.id());
            insert.setInt(2, FORMAT);
            insert.setString(3, response.provider());
            insert.setString(4, response.keyName());
            nullable(insert, 5, response.virtualKeyId().orElse(null));
            insert.setString(6, response.model());
            insert.setObject(7, OffsetDateTime.ofInstant(response.createdAt(), ZoneOffset.UTC));
            nullable(insert, 8, local.map(StoredResponse.Local::responseJson).orElse(null));
            nullable(insert, 9, local.map(StoredResponse.Local::inputItemsJson).orElse(null));
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                return false;   // the id is recorded already (a unique-key violation on both databases)
            }
            throw new StoreException("storing a response failed: " + e.getMessage(), e);
        }
    }

    /** The Response with this id, if it was stored through the gateway. */
    public Optional<StoredResponse> find(String id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS
                        + " FROM stored_response WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading a stored response failed: " + e.getMessage(), e);
        }
    }

    /** Forgets the Response with this id: true when it was stored. */
    public boolean delete(String id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM stored_response WHERE id = ?")) {
            delete.setString(1, id);
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreException("deleting a stored response failed: " + e.getMessage(), e);
        }
    }

    /**
     * Forgets the Responses recorded before {@code before} (OpenAI keeps its own 30 days, {@link #RETENTION}).
     *
     * @return how many were forgotten
     */
    public int purge(java.time.Instant before) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM stored_response WHERE "
                        + "created_at < ?")) {
            delete.setObject(1, OffsetDateTime.ofInstant(before, ZoneOffset.UTC));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("purging stored responses failed: " + e.getMessage(), e);
        }
    }

    private static StoredResponse read(ResultSet rows) throws SQLException {
        int format = rows.getInt("format");
        if (format != FORMAT) {
            throw new StoreException("stored response " + rows.getString("id") + " has format " + format
                    + ", this node reads " + FORMAT);
        }
        String response = rows.getString("response_json");
        String input = rows.getString("input_json");
        Optional<StoredResponse.Local> local = response == null ? Optional.empty()
                : Optional.of(new StoredResponse.Local(response, input == null ? "[]" : input));
        return new StoredResponse(rows.getString("id"), rows.getString("provider"), rows.getString("key_name"),
                Optional.ofNullable(rows.getString("virtual_key_id")), rows.getString("model"),
                rows.getObject("created_at", OffsetDateTime.class).toInstant(), local);
    }

    private static void nullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
