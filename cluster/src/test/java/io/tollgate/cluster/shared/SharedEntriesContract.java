package io.tollgate.cluster.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SharedEntries} does, run against each implementation: the subclass makes fresh, empty entries
 * for each test and says how time passes for it.
 */
abstract class SharedEntriesContract {

    static final Duration LONG = Duration.ofHours(1);
    static final Duration SHORT = Duration.ofSeconds(1);
    /** A bound far above what a test puts (Hazelcast evicts per partition: a small bound evicts early). */
    static final int ROOMY = 10_000;

    private final List<SharedEntries> created = new ArrayList<>();

    /** Fresh, empty entries holding at most {@code maxEntries} (per member). */
    abstract SharedEntries create(int maxEntries);

    /** Returns once {@code key}, put with {@link #SHORT}, has expired (the clock moved, or real time passed). */
    abstract void letExpire(SharedEntries entries, String key);

    /** How long an event may take to arrive. */
    abstract Duration patience();

    /** A bound the eviction test fills three times over. */
    abstract int bound();

    /** Members holding entries: the cluster holds up to {@code members() × bound}. */
    abstract int members();

    @AfterEach
    void closeEntries() {
        created.forEach(SharedEntries::close);
    }

    final SharedEntries entries(int maxEntries) {
        SharedEntries entries = create(maxEntries);
        closeLater(entries);
        return entries;
    }

    /** Closes {@code entries} after the test. */
    final void closeLater(SharedEntries entries) {
        created.add(entries);
    }

    /** A listener subscribed to {@code entries}. */
    static RecordingListener listen(SharedEntries entries) {
        RecordingListener listener = new RecordingListener();
        entries.subscribe(listener);
        return listener;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static void put(SharedEntries entries, String key, String value, Duration ttl) {
        entries.put(key, bytes(value), ttl).toCompletableFuture().join();
    }

    static Map<String, String> contents(SharedEntries entries, List<String> keys) {
        Map<String, String> out = new HashMap<>();
        keys.forEach(key -> entries.get(key).ifPresent(value -> out.put(key, new String(value, StandardCharsets.UTF_8))));
        return out;
    }

    @Test
    void shouldGetWhatWasPutAndItsReplacement() {
        SharedEntries entries = entries(ROOMY);

        put(entries, "k", "a", LONG);
        assertThat(entries.get("k")).hasValueSatisfying(value -> assertThat(value).isEqualTo(bytes("a")));
        put(entries, "k", "b", LONG);

        assertThat(entries.get("k")).hasValueSatisfying(value -> assertThat(value).isEqualTo(bytes("b")));
        assertThat(entries.get("missing")).isEmpty();
        assertThat(entries.size()).isEqualTo(1);
    }

    @Test
    void shouldRefuseATtlThatIsNotPositive() {
        SharedEntries entries = entries(ROOMY);

        assertThatThrownBy(() -> entries.put("k", bytes("a"), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shared entry ttl must be positive, was PT0S for key 'k'");
        assertThatThrownBy(() -> entries.put("k", bytes("a"), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shared entry ttl must be positive, was PT-1S for key 'k'");
    }

    @Test
    void shouldTellListenersOfAddedAndReplacedEntries() {
        SharedEntries entries = entries(ROOMY);
        RecordingListener listener = listen(entries);

        put(entries, "k", "a", LONG);
        put(entries, "k", "b", LONG);

        listener.await("two events", seen -> seen.events().size() >= 2, patience());
        assertThat(listener.events()).containsExactly("added k=a", "added k=b");
    }

    @Test
    void shouldExpireEntriesAndTellListeners() {
        SharedEntries entries = entries(ROOMY);
        RecordingListener listener = listen(entries);
        put(entries, "short", "s", SHORT);
        put(entries, "long", "l", LONG);

        letExpire(entries, "short");

        listener.await("the expiry", seen -> seen.count("removed short") > 0, patience());
        assertThat(listener.events()).containsExactlyInAnyOrder("added short=s", "added long=l", "removed short EXPIRED");
        assertThat(entries.get("short")).isEmpty();
        assertThat(entries.get("long")).isPresent();
        assertThat(entries.size()).isEqualTo(1);
    }

    @Test
    void shouldTellListenersOfRemovals() {
        SharedEntries entries = entries(ROOMY);
        List.of("a", "b", "c", "d").forEach(key -> put(entries, key, key, LONG));
        RecordingListener listener = listen(entries);

        entries.remove("a");
        entries.removeAll(List.of("b", "c", "missing", "b"));
        entries.remove("missing");

        listener.await("three removals", seen -> seen.count("removed") == 3, patience());
        assertThat(listener.events()).filteredOn(event -> event.startsWith("removed"))
                .containsExactlyInAnyOrder("removed a REMOVED", "removed b REMOVED", "removed c REMOVED");
        assertThat(entries.size()).isEqualTo(1);
        assertThat(entries.get("d")).isPresent();
    }

    @Test
    void shouldTellListenersOnceWhenCleared() {
        SharedEntries entries = entries(ROOMY);
        List.of("a", "b", "c").forEach(key -> put(entries, key, key, LONG));
        RecordingListener listener = listen(entries);

        entries.clear();
        listener.await("the clear", seen -> seen.count("cleared") > 0, patience());
        put(entries, "after", "x", LONG);

        listener.await("the entry after the clear", seen -> seen.count("added after") > 0, patience());
        assertThat(listener.events()).filteredOn(event -> !event.startsWith("added") || event.startsWith("added after"))
                .containsExactly("cleared", "added after=x");
        assertThat(listener.view()).containsExactly(Map.entry("after", "x"));
        assertThat(entries.size()).isEqualTo(1);
    }

    @Test
    void shouldDeliverTheEntriesHeldThenChanges() {
        SharedEntries entries = entries(ROOMY);
        put(entries, "a", "1", LONG);
        put(entries, "b", "2", LONG);
        RecordingListener listener = listen(entries);
        List<String> rebuilt = listener.events();
        put(entries, "c", "3", LONG);
        entries.remove("a");

        assertThat(rebuilt).as("delivered before subscribe returns").containsExactlyInAnyOrder("added a=1", "added b=2");
        listener.await("the changes", seen -> seen.events().size() == 4, patience());
        // Hazelcast orders events per partition only: changes of two keys may arrive in either order
        assertThat(listener.events().subList(2, 4)).containsExactlyInAnyOrder("added c=3", "removed a REMOVED");
        assertThat(listener.view()).containsOnly(Map.entry("b", "2"), Map.entry("c", "3"));
    }

    @Test
    void shouldEndWithTheEntriesHeldWhenTheyChangeWhileExistingOnesAreDelivered() {
        SharedEntries entries = entries(ROOMY);
        List<String> keys = IntStream.range(0, 500).mapToObj(i -> "k" + i).toList();
        CompletableFuture.allOf(keys.stream().map(key -> entries.put(key, bytes("v1"), LONG).toCompletableFuture())
                .toArray(CompletableFuture[]::new)).join();
        RecordingListener listener = new RecordingListener((key, added) -> {
            if (added == 250) { // halfway through the existing entries: some of these were delivered, some not
                entries.removeAll(keys.subList(0, 100));
                keys.subList(100, 200).forEach(changed -> put(entries, changed, "v2", LONG));
            }
        });

        entries.subscribe(listener);

        Map<String, String> expected = contents(entries, keys);
        assertThat(expected).hasSize(400).containsEntry("k150", "v2").containsEntry("k300", "v1");
        listener.await("the view to match the entries", seen -> seen.view().equals(expected), patience());
        assertThat(listener.view()).isEqualTo(expected);
    }

    @Test
    void shouldStopDeliveringWhenClosed() {
        SharedEntries entries = entries(ROOMY);
        RecordingListener closed = new RecordingListener();
        RecordingListener open = new RecordingListener();
        entries.subscribe(closed).close();
        entries.subscribe(open);

        put(entries, "k", "a", LONG);

        open.await("the event", seen -> seen.events().size() == 1, patience());
        assertThat(closed.events()).isEmpty();
        entries.close();
        put(entries, "k", "b", LONG);
        assertThat(entries.get("k")).as("entries stay").isPresent();
        assertThat(open.events()).containsExactly("added k=a");
    }

    @Test
    void shouldEvictAboveTheBoundAndTellListeners() {
        int bound = bound();
        SharedEntries entries = entries(bound);
        RecordingListener listener = listen(entries);
        int puts = 3 * bound;

        CompletableFuture.allOf(IntStream.range(0, puts).mapToObj(i -> entries.put("e" + i, bytes("v"), LONG)
                .toCompletableFuture()).toArray(CompletableFuture[]::new)).join();

        int size = entries.size();
        assertThat(size).isPositive().isLessThanOrEqualTo(bound * members());
        listener.await("an eviction event for every entry gone",
                seen -> seen.count("removed") == puts - size, patience());
        assertThat(listener.events()).filteredOn(event -> event.startsWith("removed"))
                .allMatch(event -> event.endsWith(" EVICTED"));
        assertThat(listener.view()).hasSize(size);
    }
}
