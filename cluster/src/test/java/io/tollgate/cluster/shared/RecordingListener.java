package io.tollgate.cluster.shared;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Records the events it receives as text ({@code added k=v}, {@code removed k EXPIRED}, {@code cleared}) and the
 * view they build; tests wait for a condition with a deadline ({@link Object#wait}, woken by each event).
 */
final class RecordingListener implements SharedEntries.Listener {

    private final List<String> events = new ArrayList<>();
    private final Map<String, String> view = new HashMap<>();
    private final BiConsumer<String, Integer> afterAdded;

    /** Records only. */
    RecordingListener() {
        this((key, count) -> { });
    }

    /** Records, then calls {@code afterAdded} with the key and the number of {@code added} events so far. */
    RecordingListener(BiConsumer<String, Integer> afterAdded) {
        this.afterAdded = afterAdded;
    }

    @Override
    public void added(String key, byte[] value) {
        int count;
        synchronized (this) {
            String text = new String(value, StandardCharsets.UTF_8);
            events.add("added " + key + "=" + text);
            view.put(key, text);
            count = (int) events.stream().filter(event -> event.startsWith("added ")).count();
            notifyAll();
        }
        afterAdded.accept(key, count);
    }

    @Override
    public synchronized void removed(String key, SharedEntries.Cause cause) {
        events.add("removed " + key + " " + cause);
        view.remove(key);
        notifyAll();
    }

    @Override
    public synchronized void cleared() {
        events.add("cleared");
        view.clear();
        notifyAll();
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    synchronized Map<String, String> view() {
        return Map.copyOf(view);
    }

    synchronized long count(String prefix) {
        return events.stream().filter(event -> event.startsWith(prefix)).count();
    }

    /** Waits until {@code condition} holds, at most {@code patience}; fails showing the events otherwise. */
    synchronized void await(String what, Predicate<RecordingListener> condition, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.test(this)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("gave up after " + patience + " waiting for " + what + "; events: "
                        + (events.size() > 40 ? events.subList(events.size() - 40, events.size()) : events));
            }
            try {
                wait(Math.max(1, Math.min(50, left / 1_000_000))); // woken by events; re-checks state now and then
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
