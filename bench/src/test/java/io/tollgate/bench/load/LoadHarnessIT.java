package io.tollgate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LoadHarnessIT {

    private static FakeUpstream upstream;
    private static ExecutorService threads;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start(0, 0);
        threads = Executors.newVirtualThreadPerTaskExecutor();
    }

    @AfterAll
    static void stop() {
        threads.close();
        upstream.close();
    }

    private static StepResult run(boolean stream, boolean jdk) {
        ChatRequests requests = ChatRequests.create(upstream.baseUrl(), NodeConfigs.MODEL, "sk-test", stream);
        // a cap as large as the step, so a stall of this (shared, busy) machine delays answers but refuses none
        LoadGenerator generator = LoadGenerator.create(NanoClock.system(), threads, 100, Duration.ofSeconds(5));
        try (Exchange exchange = jdk ? JdkExchange.create(requests, NanoClock.system(), Duration.ofSeconds(5))
                : HelidonExchange.create(requests, NanoClock.system(), 100, Duration.ofSeconds(5))) {
            generator.warmUp(exchange, 100, Duration.ofMillis(500));
            return generator.run(exchange, 100, Duration.ofSeconds(1), stream);
        }
    }

    @Test
    void shouldAnswerEveryWholeChatRequestWithALatency() {
        StepResult result = run(false, false);

        assertThat(result.sent()).isEqualTo(100);
        assertThat(result.ok()).isEqualTo(100);
        assertThat(result.errors()).isZero();
        assertThat(result.latency().count()).isEqualTo(100);
        assertThat(result.latency().p50()).isPositive();
        assertThat(result.firstToken()).isEmpty();
        assertThat(result.throughput()).isBetween(50.0, 110.0);
    }

    @Test
    void shouldStreamEveryRequestWithATimeToFirstToken() {
        StepResult result = run(true, false);

        assertThat(result.ok()).isEqualTo(100);
        assertThat(result.errors()).isZero();
        assertThat(result.firstToken()).hasValueSatisfying(p -> {
            assertThat(p.count()).isEqualTo(100);
            assertThat(p.p50()).isPositive().isLessThanOrEqualTo(result.latency().p50());
        });
        assertThat(result.producedNumbers()).isTrue();
    }

    @Test
    void shouldWorkOverTheJdkClientToo() {
        StepResult whole = run(false, true);
        StepResult streamed = run(true, true);

        assertThat(whole.ok()).isEqualTo(100);
        assertThat(whole.errors()).isZero();
        assertThat(streamed.ok()).isEqualTo(100);
        assertThat(streamed.firstToken()).hasValueSatisfying(p -> assertThat(p.count()).isEqualTo(100));
    }
}
