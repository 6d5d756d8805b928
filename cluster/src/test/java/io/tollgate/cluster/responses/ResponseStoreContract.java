package io.tollgate.cluster.responses;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cluster.store.StateStore;
import io.tollgate.config.StoreConfig;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The stored Responses table, on each database: written once, read back whole, deleted. */
abstract class ResponseStoreContract {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    /** The store configuration of the database under test. */
    abstract StoreConfig config();

    @Test
    void shouldReadBackANativeAndATranslatedResponseAsStored() {
        try (StateStore state = open()) {
            ResponseStore store = ResponseStore.create(state);
            StoredResponse nativeOne = new StoredResponse("resp_up1", "openai", "k1", Optional.of("vk-1"),
                    "openai/gpt-4o", NOW, Optional.empty());
            String big = "x".repeat(200_000);
            StoredResponse translated = new StoredResponse("resp_gw1", "claude", "main", Optional.empty(),
                    "claude/claude-test", NOW, Optional.of(new StoredResponse.Local("{\"id\":\"resp_gw1\",\"t\":\""
                            + big + "\"}", "[{\"id\":\"msg_1\"}]")));

            assertThat(store.put(nativeOne)).isTrue();
            assertThat(store.put(translated)).isTrue();

            assertThat(store.find("resp_up1")).contains(nativeOne);
            assertThat(store.find("resp_gw1")).contains(translated);
            assertThat(store.find("resp_none")).isEmpty();
        }
    }

    @Test
    void shouldKeepTheFirstRecordOfAnIdAndForgetItWhenDeleted() {
        try (StateStore state = open()) {
            ResponseStore store = ResponseStore.create(state);
            StoredResponse first = new StoredResponse("resp_1", "openai", "k1", Optional.of("vk-1"), "openai/m", NOW,
                    Optional.empty());

            assertThat(store.put(first)).isTrue();
            assertThat(store.put(new StoredResponse("resp_1", "openai", "k2", Optional.of("vk-2"), "openai/m", NOW,
                    Optional.empty()))).isFalse();
            assertThat(store.find("resp_1")).contains(first);

            assertThat(store.delete("resp_1")).isTrue();
            assertThat(store.delete("resp_1")).isFalse();
            assertThat(store.find("resp_1")).isEmpty();
        }
    }

    @Test
    void shouldPurgeOnlyTheResponsesRecordedBeforeTheCutoff() {
        try (StateStore state = open()) {
            ResponseStore store = ResponseStore.create(state);
            store.put(new StoredResponse("resp_old", "openai", "k1", Optional.empty(), "openai/m",
                    NOW.minus(ResponseStore.RETENTION).minusSeconds(1), Optional.empty()));
            store.put(new StoredResponse("resp_new", "openai", "k1", Optional.empty(), "openai/m", NOW,
                    Optional.empty()));

            assertThat(store.purge(NOW.minus(ResponseStore.RETENTION))).isEqualTo(1);

            assertThat(store.find("resp_old")).isEmpty();
            assertThat(store.find("resp_new")).isPresent();
        }
    }

    private StateStore open() {
        return StateStore.open(config());
    }
}
