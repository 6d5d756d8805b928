package io.tollgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SmokeCheckTest {

    private static final String BENCHMARK = "io.tollgate.bench.GovernanceBenchmark.admitAndSettle";
    private static final String SEARCH = "io.tollgate.bench.SemanticCacheBenchmark.search";
    private static final String EMBED = "io.tollgate.bench.EmbeddingBenchmark.embed";
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
                "io.tollgate.bench.BalancerBenchmark.chooseAndSucceed{strategy=WEIGHTED_RANDOM}",
                SEARCH + "{entries=10000, partitions=1}",
                SEARCH + "{entries=10000, partitions=10}",
                SEARCH + "{entries=100000, partitions=1}",
                SEARCH + "{entries=100000, partitions=10}",
                EMBED + "{prompt=words30}",
                EMBED + "{prompt=words200}",
                "io.tollgate.bench.ExactCacheBenchmark.lookup{chat=short}",
                "io.tollgate.bench.ExactCacheBenchmark.lookup{chat=long}",
                "io.tollgate.bench.ExactCacheBenchmark.keyOnly{chat=short}",
                "io.tollgate.bench.ExactCacheBenchmark.keyOnly{chat=long}");
    }

    @Test
    void shouldExpectOnlyTheValuesASmokeRunNarrowedAParameterTo() throws Exception {
        Set<String> expected = SmokeCheck.expected(SmokeCheck.benchmarksInThisJar(),
                SmokeCheck.narrowed(List.of("entries=10000")));

        assertThat(expected).filteredOn(name -> name.startsWith(SEARCH)).containsExactlyInAnyOrder(
                SEARCH + "{entries=10000, partitions=1}",
                SEARCH + "{entries=10000, partitions=10}");
        assertThat(expected).contains(EMBED + "{prompt=words30}", BENCHMARK + "{ledger=inMemory}");
    }

    @Test
    void shouldParseNarrowedParametersWithSeveralValues() {
        assertThat(SmokeCheck.narrowed(List.of("entries=10,20", "prompt=short")))
                .containsExactly(Map.entry("entries", List.of("10", "20")), Map.entry("prompt", List.of("short")));
        assertThatThrownBy(() -> SmokeCheck.narrowed(List.of("entries")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected name=value[,value...], got 'entries'");
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
