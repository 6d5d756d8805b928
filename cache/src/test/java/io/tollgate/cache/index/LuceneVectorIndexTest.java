package io.tollgate.cache.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tollgate.cache.index.VectorIndex.Match;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.search.ReferenceManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneVectorIndexTest {

    private static final int DIMENSIONS = 4;
    private static final float[] EAST = {1, 0, 0, 0};
    private static final float[] NORTH = {0, 1, 0, 0};
    private static final float[] NORTH_EAST = {1, 1, 0, 0};

    private final LuceneVectorIndex index = LuceneVectorIndex.create(DIMENSIONS);

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void shouldFindTheNearestEntryFirst() {
        index.upsert("east", "p", EAST);
        index.upsert("north", "p", NORTH);
        index.upsert("north-east", "p", NORTH_EAST);
        index.refresh();

        List<Match> matches = index.search("p", new float[] {0.9f, 0.1f, 0, 0}, 10);

        assertThat(matches).extracting(Match::id).containsExactly("east", "north-east", "north");
    }

    @Test
    void shouldNeverReturnAnotherPartitionsEntryEvenWhenItIsCloser() {
        index.upsert("exact-but-elsewhere", "team-a|gpt-4o", EAST);
        index.upsert("far-but-here", "team-b|gpt-4o", NORTH);
        index.refresh();

        assertThat(index.search("team-b|gpt-4o", EAST, 10)).extracting(Match::id).containsExactly("far-but-here");
        assertThat(index.search("team-c|gpt-4o", EAST, 10)).isEmpty();
    }

    @Test
    void shouldReplaceAnEntryOnUpsert() {
        index.upsert("a", "p", EAST);
        index.refresh();
        index.upsert("a", "p", NORTH);
        index.refresh();

        List<Match> matches = index.search("p", EAST, 10);

        assertThat(matches).extracting(Match::id).containsExactly("a");
        assertThat(matches.getFirst().similarity()).isCloseTo(0.0, within(1e-4));
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void shouldMoveAnEntryToAnotherPartitionOnUpsert() {
        index.upsert("a", "old", EAST);
        index.upsert("a", "new", EAST);
        index.refresh();

        assertThat(index.search("old", EAST, 10)).isEmpty();
        assertThat(index.search("new", EAST, 10)).extracting(Match::id).containsExactly("a");
    }

    @Test
    void shouldDeleteAnEntry() {
        index.upsert("a", "p", EAST);
        index.upsert("b", "p", NORTH);
        index.refresh();

        index.delete("a");
        index.delete("never-there");
        index.refresh();

        assertThat(index.search("p", EAST, 10)).extracting(Match::id).containsExactly("b");
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void shouldDeleteEveryEntry() {
        index.upsert("a", "p", EAST);
        index.upsert("b", "q", NORTH);
        index.refresh();

        index.deleteAll();
        index.refresh();

        assertThat(index.search("p", EAST, 10)).isEmpty();
        assertThat(index.search("q", NORTH, 10)).isEmpty();
        assertThat(index.size()).isZero();
    }

    @Test
    void shouldCountChangesBeforeTheyAreSearchable() {
        index.upsert("a", "p", EAST);
        index.upsert("b", "p", NORTH);
        index.upsert("a", "p", NORTH_EAST);
        assertThat(index.size()).isEqualTo(2);

        index.delete("b");
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void shouldReportTheCosineOfTheOriginalVectors() {
        float[] stored = {1, 2, 3, 4};
        float[] query = {4, -1, 2.5f, 0.5f};
        index.upsert("a", "p", stored);
        index.refresh();

        double byHand = (4 - 2 + 7.5 + 2) / (Math.sqrt(1 + 4 + 9 + 16) * Math.sqrt(16 + 1 + 6.25 + 0.25));

        assertThat(index.search("p", query, 10).getFirst().similarity()).isCloseTo(byHand, within(1e-4));
        assertThat(index.search("p", stored, 10).getFirst().similarity()).isCloseTo(1.0, within(1e-4));
        assertThat(index.search("p", new float[] {-1, -2, -3, -4}, 10).getFirst().similarity())
                .isCloseTo(-1.0, within(1e-4));
    }

    @Test
    void shouldReturnAtMostKMatchesBestFirst() {
        for (int i = 0; i < 30; i++) {
            index.upsert("e" + i, "p", new float[] {1, i / 10f, 0, 0});
        }
        index.refresh();

        List<Match> matches = index.search("p", EAST, 5);

        assertThat(matches).extracting(Match::id).containsExactly("e0", "e1", "e2", "e3", "e4");
        assertThat(matches).extracting(Match::similarity).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void shouldMakeChangesSearchableOnRefresh() {
        index.upsert("a", "p", EAST);

        index.refresh();

        assertThat(index.search("p", EAST, 10)).extracting(Match::id).containsExactly("a");
    }

    @Test
    void shouldMakeChangesSearchableInTheBackgroundWithoutARefresh() throws InterruptedException {
        CountDownLatch reopened = new CountDownLatch(1);
        index.addRefreshListener(new ReferenceManager.RefreshListener() {
            @Override
            public void beforeRefresh() {
            }

            @Override
            public void afterRefresh(boolean didRefresh) {
                if (didRefresh) {
                    reopened.countDown();
                }
            }
        });

        index.upsert("a", "p", EAST);

        assertThat(reopened.await(10, TimeUnit.SECONDS)).as("the background refresh ran").isTrue();
        assertThat(index.search("p", EAST, 10)).extracting(Match::id).containsExactly("a");
    }

    @Test
    void shouldKeepEveryEntryWhenMergedIntoOneSegment() {
        for (int i = 0; i < 20; i++) {
            index.upsert("e" + i, "p", new float[] {1, i, 0, 0});
            index.refresh();
        }
        index.delete("e0");

        index.forceMerge();

        assertThat(index.size()).isEqualTo(19);
        assertThat(index.search("p", NORTH, 50)).hasSize(19).first().extracting(Match::id).isEqualTo("e19");
    }

    @Test
    void shouldDeleteItsTemporaryDirectoryOnClose() {
        Path path = index.path();
        index.upsert("a", "p", EAST);
        index.refresh();

        index.close();
        index.close();

        assertThat(path).doesNotExist();
    }

    @Test
    void shouldLeaveAGivenDirectoryInPlaceAndReplaceAnIndexFoundThere(@TempDir Path directory) {
        try (LuceneVectorIndex first = LuceneVectorIndex.create(directory, DIMENSIONS)) {
            first.upsert("a", "p", EAST);
            first.refresh();
        }
        assertThat(directory).isDirectory();

        try (LuceneVectorIndex second = LuceneVectorIndex.create(directory, DIMENSIONS)) {
            second.refresh();
            assertThat(second.search("p", EAST, 10)).isEmpty();
            assertThat(second.size()).isZero();
        }
    }
}
