package io.tollgate.cluster.store;

import com.hazelcast.map.MapStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Persists one grid map in {@code tollgate_state}, one row per key, the value in its {@link Codec}'s text.
 * Configured write-through (see {@code Grid.start}): a put, remove or entry processor on the map returns only
 * after its row is committed, and when the write fails the operation fails with a {@link StoreException}.
 * Batches ({@link #storeAll}, {@link #deleteAll}) are one transaction: all or nothing.
 *
 * <p>Hazelcast calls this from partition threads of many members at once; the class holds no state besides the
 * pool, so it is thread-safe. As Hazelcast's contract requires, {@link #load} returns {@code null} for a missing
 * key. Keys are at most {@value #MAX_KEY_LENGTH} characters; a longer one is refused with an
 * {@link IllegalArgumentException}.
 *
 * @param <V> the map's value type
 */
public final class JdbcMapStore<V> implements MapStore<String, V> {

    /** Row format 1: {@code entry_value} holds the codec's text, which carries its own version. */
    static final int FORMAT_CODEC_TEXT = 1;
    static final int MAX_MAP_NAME_LENGTH = 64;
    static final int MAX_KEY_LENGTH = 512;
    private static final int LOAD_CHUNK = 500;
    private static final String DELETE = "DELETE FROM tollgate_state WHERE map_name = ? AND entry_key = ?";
    private static final String SELECT = "SELECT entry_key, entry_value, format FROM tollgate_state"
            + " WHERE map_name = ?";

    private final DataSource dataSource;
    private final String upsert;
    private final String mapName;
    private final Codec<V> codec;

    private JdbcMapStore(DataSource dataSource, String upsert, String mapName, Codec<V> codec) {
        this.dataSource = dataSource;
        this.upsert = upsert;
        this.mapName = mapName;
        this.codec = codec;
    }

    /**
     * A store for one map.
     *
     * @param store the open state store
     * @param mapName the name rows are filed under, usually the grid map's name; at most 64 characters
     * @param codec turns values into text and back
     * @throws IllegalArgumentException when the map name is blank or too long
     */
    public static <V> JdbcMapStore<V> create(StateStore store, String mapName, Codec<V> codec) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(mapName, "mapName");
        Objects.requireNonNull(codec, "codec");
        if (mapName.isBlank() || mapName.length() > MAX_MAP_NAME_LENGTH) {
            throw new IllegalArgumentException("map name must be 1 to " + MAX_MAP_NAME_LENGTH
                    + " characters, was '" + mapName + "'");
        }
        return new JdbcMapStore<>(store.dataSource(), store.sqlDialect().upsertState(), mapName, codec);
    }

    /** The name this store files its rows under. */
    public String mapName() {
        return mapName;
    }

    /** Inserts or replaces the row of {@code key}, committed before returning. */
    @Override
    public void store(String key, V value) {
        String text = encode(key, value);
        run("store", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(upsert)) {
                bindUpsert(statement, key, text);
                statement.executeUpdate();
            }
            return null;
        });
    }

    /** Inserts or replaces every row in one transaction. */
    @Override
    public void storeAll(Map<String, V> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Map<String, String> texts = new HashMap<>();
        entries.forEach((key, value) -> texts.put(key, encode(key, value)));
        transaction("storeAll", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(upsert)) {
                for (Map.Entry<String, String> entry : texts.entrySet()) {
                    bindUpsert(statement, entry.getKey(), entry.getValue());
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            return null;
        });
    }

    /** Deletes the row of {@code key}, if any. */
    @Override
    public void delete(String key) {
        run("delete", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(DELETE)) {
                statement.setString(1, mapName);
                statement.setString(2, key);
                statement.executeUpdate();
            }
            return null;
        });
    }

    /** Deletes the rows of {@code keys} in one transaction. */
    @Override
    public void deleteAll(Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        transaction("deleteAll", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(DELETE)) {
                for (String key : keys) {
                    statement.setString(1, mapName);
                    statement.setString(2, key);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            return null;
        });
    }

    /**
     * The value of {@code key}, or {@code null} when there is no row (Hazelcast's contract).
     *
     * @throws StoreException when the row cannot be decoded, naming map and key
     */
    @Override
    public V load(String key) {
        return run("load", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(SELECT + " AND entry_key = ?")) {
                statement.setString(1, mapName);
                statement.setString(2, key);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? decode(rows) : null;
                }
            }
        });
    }

    /** The values of those {@code keys} that have a row; missing keys are absent from the result. */
    @Override
    public Map<String, V> loadAll(Collection<String> keys) {
        List<String> all = List.copyOf(keys);
        Map<String, V> values = new HashMap<>();
        for (int from = 0; from < all.size(); from += LOAD_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + LOAD_CHUNK));
            String sql = SELECT + " AND entry_key IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?"))
                    + ")";
            run("loadAll", connection -> {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setString(1, mapName);
                    for (int i = 0; i < chunk.size(); i++) {
                        statement.setString(i + 2, chunk.get(i));
                    }
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            values.put(rows.getString(1), decode(rows));
                        }
                    }
                }
                return null;
            });
        }
        return values;
    }

    /** Every key of this map that has a row; Hazelcast calls it once at start for the eager load. */
    @Override
    public Iterable<String> loadAllKeys() {
        return run("loadAllKeys", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT entry_key FROM tollgate_state WHERE map_name = ?")) {
                statement.setString(1, mapName);
                List<String> keys = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        keys.add(rows.getString(1));
                    }
                }
                return keys;
            }
        });
    }

    @Override
    public String toString() {
        return "JdbcMapStore[" + mapName + "]";
    }

    private String encode(String key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("key of map '" + mapName + "' must be at most " + MAX_KEY_LENGTH
                    + " characters, was " + key.length());
        }
        return Objects.requireNonNull(codec.encode(value), "codec returned no text");
    }

    private void bindUpsert(PreparedStatement statement, String key, String text) throws SQLException {
        statement.setString(1, mapName);
        statement.setString(2, key);
        statement.setString(3, text);
        statement.setInt(4, FORMAT_CODEC_TEXT);
    }

    /** Decodes the current row (columns key, value, format); a row this version cannot read fails loudly. */
    private V decode(ResultSet row) throws SQLException {
        String key = row.getString(1);
        int format = row.getInt(3);
        if (format != FORMAT_CODEC_TEXT) {
            throw new StoreException("cannot read map '" + mapName + "' key '" + key + "': row format " + format
                    + ", this version reads format " + FORMAT_CODEC_TEXT);
        }
        try {
            return codec.decode(row.getString(2));
        } catch (IllegalArgumentException e) {
            throw new StoreException("cannot decode map '" + mapName + "' key '" + key + "': " + e.getMessage(), e);
        }
    }

    private <T> T run(String operation, Jdbc.Work<T> work) {
        try {
            return Jdbc.withConnection(dataSource, work);
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    private void transaction(String operation, Jdbc.Work<?> work) {
        try {
            Jdbc.inTransaction(dataSource, work);
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    private StoreException failure(String operation, SQLException e) {
        return new StoreException(operation + " failed for map '" + mapName + "' (" + e.getClass().getSimpleName()
                + ", SQLState " + e.getSQLState() + ")", e);
    }
}
