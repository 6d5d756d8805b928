package io.tollgate.cluster.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cluster.store.StateStore;
import io.tollgate.config.StoreConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database behind {@link BatchStore} must do; one subclass per database. */
abstract class BatchStoreContract {

    static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    StateStore store;
    BatchStore batches;

    abstract StoreConfig freshDatabase() throws Exception;

    /** Drops the database of {@link #freshDatabase()}, after the store closed. */
    void dropDatabase() {
    }

    @BeforeEach
    void open() throws Exception {
        store = StateStore.open(freshDatabase());
        batches = BatchStore.create(store);
    }

    @AfterEach
    void close() {
        store.close();
        dropDatabase();
    }

    static BatchJob job(String id, Instant created) {
        return new BatchJob(id, "openai", "oa", "k1", Optional.of("vk_1"), Optional.of("team_1"), Optional.empty(),
                "oa/gpt-4o-mini", "/v1/chat/completions", 3, 12_345, List.of(new BatchJob.Held("team_1", "req_1"),
                new BatchJob.Held("tag:project=x", "req_1#tag")), Map.of("project", "x"), Optional.of("user-9"),
                Optional.of("file-in1"), BatchJob.OPEN, created, created.plus(Duration.ofHours(24)));
    }

    @Test
    void shouldKeepAFileAndABatchWithEverythingNeededToSettleIt() {
        BatchFile file = new BatchFile("file-in1", "oa", "k1", Optional.of("vk_1"), "/v1/chat/completions",
                "oa/gpt-4o-mini", 3, 12_345, 900, 1_000, T0);
        batches.putFile(file);
        batches.putFile(new BatchFile("file-in1", "oa", "k2", Optional.empty(), "/v1/embeddings", "oa/x", 1, 1, 1,
                1, T0));   // a retry keeps the first record
        assertThat(batches.file("file-in1")).contains(file);
        assertThat(batches.file("file-none")).isEmpty();

        BatchJob job = job("batch_1", T0);
        batches.putJob(job);
        assertThat(batches.job("batch_1")).contains(job);
        assertThat(batches.jobOfResult("file-out1")).isEmpty();
        batches.resultFiles("batch_1", Optional.of("file-out1"), Optional.empty());
        batches.resultFiles("batch_1", Optional.empty(), Optional.of("file-err1"));
        assertThat(batches.jobOfResult("file-out1")).contains(job);
        assertThat(batches.jobOfResult("file-err1")).contains(job);
    }

    @Test
    void shouldLetOneNodeClaimABatchUntilItsClaimLapsesAndNeverAfterItIsSettled() {
        batches.putJob(job("batch_1", T0));
        Duration hold = Duration.ofMinutes(10);

        assertThat(batches.claim("batch_1", "node-a", T0, hold)).isTrue();
        assertThat(batches.claim("batch_1", "node-b", T0.plusSeconds(60), hold)).as("held by node-a").isFalse();
        assertThat(batches.claim("batch_1", "node-a", T0.plusSeconds(60), hold)).as("its holder renews").isTrue();
        assertThat(batches.claim("batch_1", "node-b", T0.plus(Duration.ofMinutes(12)), hold))
                .as("node-a died: its claim lapsed").isTrue();
        batches.release("batch_1", "node-a");   // a stale holder cannot release another's claim
        assertThat(batches.claim("batch_1", "node-a", T0.plus(Duration.ofMinutes(13)), hold)).isFalse();
        batches.release("batch_1", "node-b");
        assertThat(batches.claim("batch_1", "node-a", T0.plus(Duration.ofMinutes(13)), hold)).isTrue();

        assertThat(batches.settledCost("batch_1")).isEmpty();
        batches.settled("batch_1", 397_500, 3, T0.plus(Duration.ofMinutes(14)));
        assertThat(batches.settledCost("batch_1")).contains(397_500L);
        assertThat(batches.claim("batch_1", "node-b", T0.plus(Duration.ofHours(1)), hold)).isFalse();
        batches.settled("batch_1", 1, 1, T0.plus(Duration.ofHours(2)));
        assertThat(batches.settledCost("batch_1")).as("settled once").contains(397_500L);
    }

    @Test
    void shouldListOpenBatchesOldestFirst() {
        batches.putJob(job("batch_2", T0.plusSeconds(2)));
        batches.putJob(job("batch_1", T0.plusSeconds(1)));
        batches.putJob(job("batch_3", T0.plusSeconds(3)));
        batches.claim("batch_3", "node-a", T0, Duration.ofMinutes(1));
        batches.settled("batch_3", 0, 0, T0.plusSeconds(4));

        assertThat(batches.open(T0, T0.plusSeconds(10), 10)).extracting(BatchJob::id).containsExactly("batch_1",
                "batch_2");
        assertThat(batches.open(T0, T0.plusSeconds(2), 10)).extracting(BatchJob::id).containsExactly("batch_1");
        assertThat(batches.open(T0, T0.plusSeconds(10), 1)).extracting(BatchJob::id).containsExactly("batch_1");
        assertThat(batches.open(T0.plusSeconds(2), T0.plusSeconds(10), 10)).extracting(BatchJob::id)
                .containsExactly("batch_2");
    }
}
