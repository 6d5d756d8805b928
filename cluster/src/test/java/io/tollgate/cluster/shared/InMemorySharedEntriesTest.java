package io.tollgate.cluster.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.cluster.governance.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The contract in one JVM, time moved by hand; and what only the in-memory entries promise exactly. */
class InMemorySharedEntriesTest extends SharedEntriesContract {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));

    @Override
    SharedEntries create(int maxEntries) {
        return InMemorySharedEntries.create(clock, maxEntries);
    }

    @Override
    void letExpire(SharedEntries entries, String key) {
        clock.advance(SHORT);
        assertThat(((InMemorySharedEntries) entries).expire()).isEqualTo(1);
    }

    @Override
    Duration patience() {
        return Duration.ZERO;
    }

    @Override
    int bound() {
        return 10;
    }

    @Override
    int members() {
        return 1;
    }

    @Test
    void shouldEvictTheEntriesPutLongestAgo() {
        SharedEntries entries = entries(3);
        RecordingListener listener = listen(entries);

        IntStream.range(0, 5).forEach(i -> put(entries, "e" + i, "v" + i, LONG));
        put(entries, "e2", "again", LONG);
        put(entries, "e5", "v5", LONG);

        assertThat(listener.events()).filteredOn(event -> event.startsWith("removed"))
                .containsExactly("removed e0 EVICTED", "removed e1 EVICTED", "removed e3 EVICTED");
        assertThat(listener.view()).containsOnlyKeys("e2", "e4", "e5");
        assertThat(entries.size()).isEqualTo(3);
    }

    @Test
    void shouldHideAnExpiredEntryAndTellListenersWhenAGetMeetsIt() {
        SharedEntries entries = entries(10);
        RecordingListener listener = listen(entries);
        put(entries, "k", "a", SHORT);

        clock.advance(SHORT.minusMillis(1));
        assertThat(entries.get("k")).isPresent();
        clock.advance(Duration.ofMillis(1));

        assertThat(entries.size()).isZero();
        assertThat(listener.events()).containsExactly("added k=a");
        assertThat(entries.get("k")).isEmpty();
        assertThat(listener.events()).containsExactly("added k=a", "removed k EXPIRED");
        assertThat(((InMemorySharedEntries) entries).expire()).isZero();
    }

    @Test
    void shouldReportAnExpiredEntryAsExpiredWhenItIsReplacedOrRemoved() {
        SharedEntries entries = entries(10);
        RecordingListener listener = listen(entries);
        put(entries, "a", "1", SHORT);
        put(entries, "b", "1", SHORT);
        clock.advance(SHORT);

        put(entries, "a", "2", LONG);
        entries.remove("b");

        assertThat(listener.events()).containsExactly("added a=1", "added b=1", "removed a EXPIRED", "added a=2",
                "removed b EXPIRED");
    }

    @Test
    void shouldCopyValuesInAndOut() {
        SharedEntries entries = entries(10);
        byte[] value = bytes("abc");
        entries.put("k", value, LONG);
        value[0] = 'x';

        entries.get("k").orElseThrow()[1] = 'x';

        assertThat(entries.get("k")).hasValueSatisfying(stored -> assertThat(stored).isEqualTo(bytes("abc")));
    }

    @Test
    void shouldKeepDeliveringWhenAListenerFails() {
        SharedEntries entries = entries(10);
        RecordingListener listener = new RecordingListener();
        entries.subscribe(new RecordingListener((key, count) -> {
            throw new IllegalStateException("listener bug");
        }));
        entries.subscribe(listener);

        put(entries, "k", "a", LONG);

        assertThat(listener.events()).containsExactly("added k=a");
        assertThat(entries.get("k")).isPresent();
    }

    @Test
    void shouldRefuseABoundThatIsNotPositive() {
        assertThatThrownBy(() -> InMemorySharedEntries.create(clock, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shared entries maxEntries must be positive, was 0");
        assertThatThrownBy(() -> entries(10).removeAll(List.of("a", null)))
                .isInstanceOf(NullPointerException.class);
    }
}
