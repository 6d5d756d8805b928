package io.tollgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SmokeCheckTest {

    private static final String BENCHMARK = "io.tollgate.bench.GovernanceBenchmark.admitAndSettle";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldExpectEveryBenchmarkOnceForEveryValueOfItsParameter() throws Exception {
        Set<String> expected = SmokeCheck.expected(SmokeCheck.benchmarksInThisJar());

        assertThat(expected).containsExactlyInAnyOrder(
                BENCHMARK + "{ledger=inMemory}",
                BENCHMARK + "{ledger=hazelcastLocalOwner}",
                BENCHMARK + "{ledger=hazelcastLocalOwnerWithBackup}",
                BENCHMARK + "{ledger=hazelcastRemoteOwner}",
                BENCHMARK + "{ledger=hazelcastLocalOwnerH2Store}",
                BENCHMARK + "{ledger=leasedLocalOwnerWithBackup}",
                BENCHMARK + "{ledger=leasedRemoteOwner}",
                BENCHMARK + "{ledger=leasedLocalOwnerH2Store}",
                "io.tollgate.bench.BalancerBenchmark.chooseAndSucceed{strategy=ADAPTIVE}",
                "io.tollgate.bench.BalancerBenchmark.chooseAndSucceed{strategy=WEIGHTED_RANDOM}");
    }

    @Test
    void shouldPassWhenEveryExpectedBenchmarkHasAScore() throws Exception {
        JsonNode results = JSON.readTree("""
                [{"benchmark": "%1$s", "params": {"ledger": "inMemory"}, "primaryMetric": {"score": 0.8}},
                 {"benchmark": "%1$s", "params": {"ledger": "hazelcastLocalOwner"}, "primaryMetric": {"score": 52.1}},
                 {"benchmark": "other.Bench.run", "primaryMetric": {"score": 1.0}}]
                """.formatted(BENCHMARK));

        assertThat(SmokeCheck.problems(Set.of(BENCHMARK + "{ledger=inMemory}",
                BENCHMARK + "{ledger=hazelcastLocalOwner}"), results)).isEmpty();
    }

    @Test
    void shouldReportABenchmarkWhoseForkFailedAndLeftNoResult() throws Exception {
        JsonNode results = JSON.readTree("""
                [{"benchmark": "%s", "params": {"ledger": "inMemory"}, "primaryMetric": {"score": 0.8}}]
                """.formatted(BENCHMARK));

        assertThat(SmokeCheck.problems(Set.of(BENCHMARK + "{ledger=inMemory}",
                BENCHMARK + "{ledger=hazelcastRemoteOwner}"), results))
                .containsExactly(BENCHMARK + "{ledger=hazelcastRemoteOwner}: no primary score");
    }

    @Test
    void shouldReportAResultWhoseScoreIsNotANumber() throws Exception {
        JsonNode results = JSON.readTree("""
                [{"benchmark": "%s", "params": {"ledger": "inMemory"}, "primaryMetric": {"score": "NaN"}}]
                """.formatted(BENCHMARK));

        assertThat(SmokeCheck.problems(Set.of(BENCHMARK + "{ledger=inMemory}"), results))
                .containsExactly(BENCHMARK + "{ledger=inMemory}: no primary score");
    }

    @Test
    void shouldMatchBenchmarksWithoutParameters() throws Exception {
        JsonNode results = JSON.readTree("""
                [{"benchmark": "other.Bench.run", "params": {}, "primaryMetric": {"score": 3}}]
                """);

        assertThat(SmokeCheck.problems(Set.of("other.Bench.run"), results)).isEmpty();
    }

    @Test
    void shouldFailWhenTheJarListsNoBenchmarks() throws Exception {
        assertThat(SmokeCheck.problems(Set.of(), JSON.readTree("[]")))
                .containsExactly("no benchmarks are listed in this jar");
    }
}
