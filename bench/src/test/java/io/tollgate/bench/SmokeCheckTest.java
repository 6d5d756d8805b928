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
    private static final String PIPELINE = "io.tollgate.bench.PipelineBenchmark.request";
    private static final String CODEC = "io.tollgate.bench.CodecBenchmark.";
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
                "io.tollgate.bench.ExactCacheBenchmark.keyOnly{chat=long}",
                PIPELINE + "{body=shortChat, stack=full}",
                PIPELINE + "{body=shortChat, stack=cacheHit}",
                PIPELINE + "{body=shortChat, stack=passThrough}",
                PIPELINE + "{body=shortChat, stack=parseOnly}",
                PIPELINE + "{body=longChat, stack=full}",
                PIPELINE + "{body=longChat, stack=cacheHit}",
                PIPELINE + "{body=longChat, stack=passThrough}",
                PIPELINE + "{body=longChat, stack=parseOnly}",
                PIPELINE + "{body=toolCall, stack=full}",
                PIPELINE + "{body=toolCall, stack=cacheHit}",
                PIPELINE + "{body=toolCall, stack=passThrough}",
                PIPELINE + "{body=toolCall, stack=parseOnly}",
                CODEC + "requestParse{body=shortChat}",
                CODEC + "requestParse{body=longChat}",
                CODEC + "requestParse{body=toolCall}",
                CODEC + "requestWrite{body=shortChat}",
                CODEC + "requestWrite{body=longChat}",
                CODEC + "requestWrite{body=toolCall}",
                CODEC + "requestCopy{body=shortChat}",
                CODEC + "requestCopy{body=longChat}",
                CODEC + "requestCopy{body=toolCall}",
                CODEC + "sseRead",
                CODEC + "sseReadAndParse",
                CODEC + "sseRelay",
                CODEC + "sseWrite",
                CODEC + "anthropicToChunk",
                "io.tollgate.bench.CostBenchmark.lookup",
                "io.tollgate.bench.CostBenchmark.plainUsage",
                "io.tollgate.bench.CostBenchmark.cachedAndReasoning",
                "io.tollgate.cluster.log.RequestLogBenchmark.writeBatch{ids=random}",
                "io.tollgate.cluster.log.RequestLogBenchmark.writeBatch{ids=timeOrdered}");
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
