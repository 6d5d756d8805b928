package io.tollgate.bench;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadWatchTest {

    private static final Duration GRACE = Duration.ofMillis(200);

    @Test
    void shouldNameANonDaemonThreadStartedSinceTheSnapshot() throws Exception {
        ThreadWatch watch = ThreadWatch.start();
        CountDownLatch release = new CountDownLatch(1);
        Thread stray = Thread.ofPlatform().name("bench-test-stray").start(() -> awaitQuietly(release));
        try {
            assertThatThrownBy(() -> watch.awaitGone(GRACE))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("[bench-test-stray]");
        } finally {
            release.countDown();
            stray.join();
        }
    }

    @Test
    void shouldIgnoreDaemonThreadsAndThreadsThatEnded() throws Exception {
        ThreadWatch watch = ThreadWatch.start();
        CountDownLatch release = new CountDownLatch(1);
        Thread daemon = Thread.ofPlatform().daemon().name("bench-test-daemon").start(() -> awaitQuietly(release));
        Thread ended = Thread.ofPlatform().name("bench-test-ended").start(() -> { });
        ended.join();
        try {
            assertThatCode(() -> watch.awaitGone(GRACE)).doesNotThrowAnyException();
        } finally {
            release.countDown();
            daemon.join();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
