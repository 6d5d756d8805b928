package io.tollgate.cluster.grid;

import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a small task on every member and waits for each to finish: how a change is put in force on every node before
 * the call that made it returns. The task must be {@code IdentifiedDataSerializable} (Java serialization is refused
 * under Helidon's filter).
 */
public final class Broadcast {

    private Broadcast() {
    }

    /**
     * Runs {@code task} on every member through the executor {@code executor}, waiting up to {@code timeout} for
     * each.
     *
     * @return empty when every member confirmed; otherwise why not (the caller logs it: its map listeners are the
     *     backstop)
     */
    public static java.util.Optional<String> toEveryMember(HazelcastInstance instance, String executor,
                                                          Callable<?> task, Duration timeout) {
        try {
            Map<?, ? extends Future<?>> futures = instance.getExecutorService(executor).submitToAllMembers(task);
            for (Future<?> future : futures.values()) {
                future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            return java.util.Optional.empty();
        } catch (TimeoutException | ExecutionException | RuntimeException e) {
            return java.util.Optional.of(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.of("interrupted");
        }
    }
}
