package io.tollgate.cluster.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.map.IMap;
import com.hazelcast.map.MapStore;
import io.tollgate.cluster.grid.Grid;
import io.tollgate.cluster.grid.GridSettings;
import io.tollgate.config.StoreConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A one-member grid writing through to the store and loading eagerly after a restart; one subclass per database. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class GridRestartContract {

    private static final String MAP = "tollgate.test";

    /** The same database for every call within a test class. */
    abstract StoreConfig config();

    @Test
    void shouldLoadEveryEntryEagerlyWhenANewGridStartsOnTheSameStore() {
        String rows = "grid-" + UUID.randomUUID();
        try (StateStore store = StateStore.open(config())) {
            try (Grid grid = start(store, rows)) {
                write(grid.instance().getMap(MAP));
            }
            try (Grid grid = start(store, rows)) {
                IMap<String, String> map = grid.instance().getMap(MAP);
                assertThat(map.size()).isEqualTo(4);
                assertThat(new HashMap<>(map)).isEqualTo(expected());
            }
        }
    }

    @Test
    void shouldHaveEverythingBackAfterTheWholeProcessRestarts() {
        String rows = "grid-" + UUID.randomUUID();
        try (StateStore store = StateStore.open(config()); Grid grid = start(store, rows)) {
            IMap<String, String> map = grid.instance().getMap(MAP);
            write(map);
            // write-through: in the database as soon as each call returned, grid still running
            assertThat(JdbcMapStore.create(store, rows, new PrefixCodec()).loadAll(expected().keySet()))
                    .isEqualTo(expected());
        }
        try (StateStore store = StateStore.open(config()); Grid grid = start(store, rows)) {
            assertThat(new HashMap<>(grid.instance().<String, String>getMap(MAP))).isEqualTo(expected());
        }
    }

    @Test
    void shouldFailAPutTheDatabaseRefusesAndKeepTheEntryOut() {
        String rows = "grid-" + UUID.randomUUID();
        StateStore store = StateStore.open(config());
        try (Grid grid = start(store, rows)) {
            IMap<String, String> map = grid.instance().getMap(MAP);
            map.put("kept", "1");
            store.close();

            assertThatThrownBy(() -> map.set("lost", "2"))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("store failed for map '" + rows + "'");
            // put reads the old value first, so it fails already on the load
            assertThatThrownBy(() -> map.put("lost", "2"))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("load failed for map '" + rows + "'");
            assertThat(map.size()).isEqualTo(1);
            assertThat(map.localKeySet()).containsExactly("kept");
        } finally {
            store.close();
        }
    }

    private static void write(IMap<String, String> map) {
        map.put("team:a", "100");
        map.set("team:b", "1");
        map.put("team:b", "200");
        map.put("gone", "x");
        map.remove("gone");
        map.putAll(Map.of("key:1", "10", "key:2", "20"));
    }

    private static Map<String, String> expected() {
        return Map.of("team:a", "100", "team:b", "200", "key:1", "10", "key:2", "20");
    }

    private static Grid start(StateStore store, String rows) {
        return Grid.start(GridSettings.local("t-" + UUID.randomUUID()),
                Map.<String, MapStore<String, ?>>of(MAP, JdbcMapStore.create(store, rows, new PrefixCodec())));
    }
}
