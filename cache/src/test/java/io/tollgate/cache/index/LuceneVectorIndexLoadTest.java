package io.tollgate.cache.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cache.index.VectorIndex.Match;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LuceneVectorIndexLoadTest {

    private static final int DIMENSIONS = 384;

    @Test
    void shouldFindAPerturbedStoredVectorFirstInAtLeast99PercentOfSearches() {
        TestVectors vectors = new TestVectors(42, DIMENSIONS);
        List<float[]> stored = new ArrayList<>();
        try (LuceneVectorIndex index = LuceneVectorIndex.create(DIMENSIONS)) {
            for (int i = 0; i < 2_000; i++) {
                float[] vector = vectors.unit();
                stored.add(vector);
                index.upsert("e" + i, "p", vector);
            }
            index.refresh();

            int found = 0;
            int queries = 500;
            for (int q = 0; q < queries; q++) {
                int target = q * 4;
                float[] query = vectors.near(stored.get(target), 0.01);
                List<Match> matches = index.search("p", query, 20);
                if (!matches.isEmpty() && matches.getFirst().id().equals("e" + target)) {
                    found++;
                }
            }

            assertThat(found).as("searches whose best match is the perturbed vector, of %d", queries)
                    .isGreaterThanOrEqualTo(queries * 99 / 100);
        }
    }

    @Test
    void shouldAcceptConcurrentWritesAndSearches() throws Exception {
        int writers = 3;
        int perWriter = 300;
        ExecutorService threads = Executors.newFixedThreadPool(writers + 2);
        try (LuceneVectorIndex index = LuceneVectorIndex.create(DIMENSIONS)) {
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                work.add(threads.submit(() -> write(index, writer, perWriter)));
            }
            for (int s = 0; s < 2; s++) {
                int searcher = s;
                work.add(threads.submit(() -> search(index, searcher, 500)));
            }
            for (Future<?> done : work) {
                done.get(60, TimeUnit.SECONDS);
            }
            index.refresh();

            // each writer replaced every entry once and deleted one in ten
            assertThat(index.size()).isEqualTo(writers * (perWriter - perWriter / 10));
            float[] probe = new TestVectors(1_000, DIMENSIONS).unit();
            assertThat(index.search("w1", probe, 20)).hasSize(20)
                    .allSatisfy(match -> assertThat(match.id()).startsWith("w1-"));
        } finally {
            threads.shutdownNow();
        }
    }

    private static void write(LuceneVectorIndex index, int writer, int count) {
        TestVectors vectors = new TestVectors(writer, DIMENSIONS);
        for (int i = 0; i < count; i++) {
            index.upsert("w" + writer + "-" + i, "w" + writer, vectors.unit());
            index.upsert("w" + writer + "-" + i, "w" + writer, vectors.unit());
            if (i % 10 == 9) {
                index.delete("w" + writer + "-" + (i - 5));
            }
        }
    }

    private static void search(LuceneVectorIndex index, int searcher, int count) {
        TestVectors vectors = new TestVectors(100 + searcher, DIMENSIONS);
        for (int i = 0; i < count; i++) {
            String partition = "w" + (i % 3);
            assertThat(index.search(partition, vectors.unit(), 20))
                    .allSatisfy(match -> assertThat(match.id()).startsWith(partition + "-"));
        }
    }
}
