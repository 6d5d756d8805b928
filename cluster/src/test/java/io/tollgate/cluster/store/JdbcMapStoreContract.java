package io.tollgate.cluster.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.config.StoreConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link JdbcMapStore} must do on every database; one subclass per database. */
abstract class JdbcMapStoreContract {

    private StateStore store;
    private String map;
    private JdbcMapStore<String> entries;

    /** The same database for every call within a test class. */
    abstract StoreConfig config();

    @BeforeEach
    void open() {
        store = StateStore.open(config());
        map = "m-" + UUID.randomUUID();
        entries = JdbcMapStore.create(store, map, new PrefixCodec());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void shouldLoadWhatWasStored() {
        entries.store("k1", "spend 120");
        entries.store("ключ-é", "grüße, 世界 \"quoted\" 'single' \n newline");

        assertThat(entries.load("k1")).isEqualTo("spend 120");
        assertThat(entries.load("ключ-é")).isEqualTo("grüße, 世界 \"quoted\" 'single' \n newline");
    }

    @Test
    void shouldReplaceOnSecondStore() {
        entries.store("k1", "first");
        entries.store("k1", "second");

        assertThat(entries.load("k1")).isEqualTo("second");
        assertThat(entries.loadAllKeys()).containsExactly("k1");
    }

    @Test
    void shouldLoadNullForAMissingKeyAsHazelcastExpects() {
        assertThat(entries.load("absent")).isNull();
    }

    @Test
    void shouldDeleteOneKey() {
        entries.store("k1", "a");
        entries.store("k2", "b");

        entries.delete("k1");
        entries.delete("never-stored");

        assertThat(entries.load("k1")).isNull();
        assertThat(entries.loadAllKeys()).containsExactly("k2");
    }

    @Test
    void shouldListOnlyTheKeysOfItsOwnMap() {
        JdbcMapStore<String> other = JdbcMapStore.create(store, map + "-other", new PrefixCodec());
        entries.store("mine", "1");
        other.store("theirs", "2");
        other.store("mine", "3");

        assertThat(entries.loadAllKeys()).containsExactly("mine");
        assertThat(entries.load("mine")).isEqualTo("1");
        assertThat(other.loadAllKeys()).containsExactlyInAnyOrder("theirs", "mine");
    }

    @Test
    void shouldStoreAndDeleteInBatches() {
        Map<String, String> batch = new LinkedHashMap<>();
        IntStream.range(0, 1_200).forEach(i -> batch.put("key-" + i, "value-" + i));
        entries.store("key-0", "old");

        entries.storeAll(batch);

        assertThat(entries.loadAllKeys()).hasSize(1_200);
        Map<String, String> loaded = entries.loadAll(List.copyOf(batch.keySet()));
        assertThat(loaded).isEqualTo(batch);

        entries.deleteAll(batch.keySet().stream().skip(1).toList());
        assertThat(entries.loadAllKeys()).containsExactly("key-0");
        assertThat(entries.load("key-0")).isEqualTo("value-0");
    }

    @Test
    void shouldLeaveMissingKeysOutOfLoadAll() {
        entries.store("a", "1");
        entries.store("b", "2");

        assertThat(entries.loadAll(List.of("a", "b", "c"))).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1",
                "b", "2"));
        assertThat(entries.loadAll(List.of())).isEmpty();
    }

    @Test
    void shouldWriteNothingOfABatchWithAnInvalidKey() {
        Map<String, String> batch = new LinkedHashMap<>();
        batch.put("fine", "1");
        batch.put("k".repeat(513), "2");

        assertThatThrownBy(() -> entries.storeAll(batch))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key of map '" + map + "' must be at most 512 characters, was 513");
        assertThat(entries.loadAllKeys()).isEmpty();
    }

    @Test
    void shouldAcceptAKeyOfTheFullLength() {
        String key = "k".repeat(512);
        entries.store(key, "v");

        assertThat(entries.load(key)).isEqualTo("v");
    }

    @Test
    void shouldFailLoudlyOnARowItsCodecRefuses() throws SQLException {
        insertRaw("broken", "garbage", 1);

        assertThatThrownBy(() -> entries.load("broken"))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot decode map '" + map + "' key 'broken': not a format s1 string");
        assertThatThrownBy(() -> entries.loadAll(List.of("broken")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("key 'broken'");
    }

    @Test
    void shouldFailLoudlyOnARowOfAnUnknownFormat() throws SQLException {
        insertRaw("future", PrefixCodec.MARKER + "x", 2);

        assertThatThrownBy(() -> entries.load("future"))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot read map '" + map + "' key 'future': row format 2, this version reads format 1");
    }

    @Test
    void shouldNameTheOperationAndMapWhenTheDatabaseIsGone() {
        store.close();

        assertThatThrownBy(() -> entries.store("k", "secret value"))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("store failed for map '" + map + "' (")
                .message().doesNotContain("secret value");
        assertThatThrownBy(() -> entries.loadAllKeys())
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("loadAllKeys failed for map '" + map + "' (");
    }

    @Test
    void shouldRefuseABadMapName() {
        assertThatThrownBy(() -> JdbcMapStore.create(store, " ", new PrefixCodec()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("map name must be 1 to 64 characters, was ' '");
        assertThatThrownBy(() -> JdbcMapStore.create(store, "m".repeat(65), new PrefixCodec()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("map name must be 1 to 64 characters, was 'mmm");
    }

    private void insertRaw(String key, String text, int format) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO tollgate_state"
                        + " (map_name, entry_key, entry_value, format, updated_at)"
                        + " VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
            insert.setString(1, map);
            insert.setString(2, key);
            insert.setString(3, text);
            insert.setInt(4, format);
            insert.executeUpdate();
        }
    }
}
