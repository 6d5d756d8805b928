package io.tollgate.cache.index;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LuceneVectorIndexValidationTest {

    private final LuceneVectorIndex index = LuceneVectorIndex.create(3);

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void shouldRejectAVectorOfAnotherDimension() {
        assertThatThrownBy(() -> index.upsert("a", "p", new float[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vector must have 3 dimensions, got 2");
        assertThatThrownBy(() -> index.search("p", new float[] {1, 0, 0, 0}, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vector must have 3 dimensions, got 4");
    }

    @Test
    void shouldRejectNonFiniteValues() {
        assertThatThrownBy(() -> index.upsert("a", "p", new float[] {1, Float.NaN, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vector[1] must be finite, got NaN");
        assertThatThrownBy(() -> index.search("p", new float[] {0, 0, Float.NEGATIVE_INFINITY}, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vector[2] must be finite, got -Infinity");
    }

    @Test
    void shouldRejectAZeroVector() {
        assertThatThrownBy(() -> index.upsert("a", "p", new float[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vector must not be all zeros, got 3 zeros");
    }

    @Test
    void shouldRejectKBelowOne() {
        assertThatThrownBy(() -> index.search("p", new float[] {1, 0, 0}, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("k must be >= 1, got 0");
    }

    @Test
    void shouldRejectEmptyAndMissingKeys() {
        assertThatThrownBy(() -> index.upsert("", "p", new float[] {1, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("id must not be empty, got ''");
        assertThatThrownBy(() -> index.search("", new float[] {1, 0, 0}, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partition must not be empty, got ''");
        assertThatThrownBy(() -> index.delete(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("id");
        assertThatThrownBy(() -> index.upsert("a", "p", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("vector");
    }

    @Test
    void shouldRejectDimensionsLuceneCannotIndex() {
        assertThatThrownBy(() -> LuceneVectorIndex.create(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dimensions must be between 1 and 1024, got 0");
        assertThatThrownBy(() -> LuceneVectorIndex.create(1025))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dimensions must be between 1 and 1024, got 1025");
    }

    @Test
    void shouldRefuseEveryCallOnceClosed() {
        index.close();

        assertThatThrownBy(() -> index.search("p", new float[] {1, 0, 0}, 10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith("is closed");
        assertThatThrownBy(() -> index.upsert("a", "p", new float[] {1, 0, 0}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith("is closed");
    }

    @Test
    void shouldNotKeepTheCallersArray() {
        float[] vector = {1, 0, 0};
        index.upsert("a", "p", vector);
        vector[0] = 0;
        vector[1] = 1;
        index.refresh();

        org.assertj.core.api.Assertions.assertThat(index.search("p", new float[] {1, 0, 0}, 1).getFirst().similarity())
                .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
    }
}
