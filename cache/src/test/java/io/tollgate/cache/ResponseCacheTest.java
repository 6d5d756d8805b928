package io.tollgate.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.cache.embed.Embedder;
import io.tollgate.cache.index.LuceneVectorIndex;
import io.tollgate.cache.key.RequestFormat;
import io.tollgate.cache.key.RequestKey;
import io.tollgate.cache.key.RequestKeys;
import io.tollgate.cluster.shared.InMemorySharedEntries;
import io.tollgate.config.CacheConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cache over an in-memory shared map with two "nodes" (two caches on the same map), a real Lucene index and
 * an embedder that maps known texts to chosen vectors.
 */
class ResponseCacheTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RequestKeys KEYS = RequestKeys.create(CacheConfig.EmbedInput.DEFAULT, "test-embedder");
    private static final Duration TTL = Duration.ofSeconds(60);

    private final MovableClock clock = new MovableClock();
    private InMemorySharedEntries shared;
    private ResponseCache one;
    private ResponseCache two;

    @BeforeEach
    void start() {
        shared = InMemorySharedEntries.create(clock, 1000);
        one = ResponseCache.create(shared, LuceneVectorIndex.create(3), Optional.of(new TableEmbedder()), clock);
        two = ResponseCache.create(shared, LuceneVectorIndex.create(3), Optional.of(new TableEmbedder()), clock);
    }

    @AfterEach
    void stop() {
        one.close();
        two.close();
        shared.close();
    }

    private static RequestKey key(String scope, String question) {
        try {
            return KEYS.of(scope, "p/m", RequestFormat.OPENAI_CHAT, JSON.readTree(
                    "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}]}"));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void store(ResponseCache cache, RequestKey key, String answer) {
        Probe probe = cache.probe(key, true, 0.9);
        cache.store(key, probe, "openai", answer.getBytes(StandardCharsets.UTF_8), 5_000, TTL);
        cache.flush();
        one.refresh();
        two.refresh();
    }

    private static String answer(Probe probe) {
        return new String(probe.hit().orElseThrow().entry().payload(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldServeAnAnswerStoredOnOneNodeOnTheOther() {
        store(one, key("vk:a", "capital of France"), "Paris");

        Probe exact = two.probe(key("vk:a", "capital of France"), false, 0.9);
        Probe semantic = two.probe(key("vk:a", "France's capital city"), true, 0.9);

        assertThat(exact.hit()).hasValueSatisfying(hit -> assertThat(hit.kind()).isEqualTo(CacheHit.Kind.EXACT));
        assertThat(answer(exact)).isEqualTo("Paris");
        assertThat(semantic.hit()).hasValueSatisfying(hit -> {
            assertThat(hit.kind()).isEqualTo(CacheHit.Kind.SEMANTIC);
            assertThat(hit.similarity()).isBetween(0.9, 1.0);
        });
        assertThat(two.stats().savedNanos()).isEqualTo(10_000);
    }

    @Test
    void shouldNeverServeAnotherScopesAnswer() {
        store(one, key("vk:a", "capital of France"), "Paris");

        assertThat(two.probe(key("vk:b", "capital of France"), true, 0.5).hit()).isEmpty();
        assertThat(two.probe(key("vk:b", "France's capital city"), true, -1).hit()).isEmpty();
    }

    @Test
    void shouldMissBelowTheThresholdAndOnAnUnrelatedQuestion() {
        store(one, key("vk:a", "capital of France"), "Paris");

        assertThat(one.probe(key("vk:a", "France's capital city"), true, 0.999).hit()).isEmpty();
        assertThat(one.probe(key("vk:a", "bake bread"), true, 0.5).hit()).isEmpty();
        assertThat(one.probe(key("vk:a", "France's capital city"), false, 0.5).hit()).as("exact mode").isEmpty();
    }

    @Test
    void shouldStopServingAtExpiryAndDropTheEntryFromEveryNodesIndex() {
        store(one, key("vk:a", "capital of France"), "Paris");
        assertThat(two.stats().indexed()).isEqualTo(1);

        clock.advance(TTL.plusSeconds(1));

        assertThat(two.probe(key("vk:a", "capital of France"), true, 0.5).hit()).isEmpty();
        shared.expire();
        one.refresh();
        two.refresh();
        assertThat(one.stats().indexed()).isZero();
        assertThat(two.stats().indexed()).isZero();
        assertThat(two.stats().entries()).isZero();
    }

    @Test
    void shouldClearOneScopeOnEveryNode() {
        store(one, key("vk:a", "capital of France"), "Paris");
        store(one, key("vk:b", "capital of France"), "Paris too");

        assertThat(two.clear(Optional.of("vk:a"))).isEqualTo(1);
        one.refresh();

        assertThat(one.probe(key("vk:a", "capital of France"), false, 0.9).hit()).isEmpty();
        assertThat(answer(one.probe(key("vk:b", "capital of France"), false, 0.9))).isEqualTo("Paris too");
    }

    @Test
    void shouldRebuildANewNodesViewFromTheSharedEntries() {
        store(one, key("vk:a", "capital of France"), "Paris");

        try (ResponseCache late = ResponseCache.create(shared, LuceneVectorIndex.create(3),
                Optional.of(new TableEmbedder()), clock)) {
            late.refresh();
            assertThat(late.probe(key("vk:a", "France's capital city"), true, 0.9).hit()).isPresent();
        }
    }

    /** Known texts to chosen unit vectors; anything else points away from all of them. */
    private static final class TableEmbedder implements Embedder {
        private static final Map<String, float[]> TABLE = Map.of(
                "capital of France", new float[] {1, 0, 0},
                "France's capital city", new float[] {0.95f, 0.3122499f, 0},
                "bake bread", new float[] {0, 0, 1});

        @Override
        public Embedding embed(String text) {
            return new Embedding(TABLE.getOrDefault(text, new float[] {0, -1, 0}).clone(), 0);
        }

        @Override
        public int dimensions() {
            return 3;
        }

        @Override
        public String model() {
            return "test-embedder";
        }

        @Override
        public void close() {
        }
    }

    /** A clock tests move. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-29T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
