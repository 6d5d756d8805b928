package io.tollgate.cache.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tollgate.cache.embed.Embedder.Embedding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MiniLmEmbedderTest {

    private static final String CAPITAL = "What is the capital of France?";

    private static MiniLmEmbedder embedder;

    @BeforeAll
    static void loadTheModel() {
        embedder = MiniLmEmbedder.create();
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void shouldFindAParaphraseSimilar() {
        assertThat(cosine(CAPITAL, "Tell me France's capital city")).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void shouldFindAnUnrelatedQuestionDissimilar() {
        assertThat(cosine(CAPITAL, "How do I bake bread?")).isLessThan(0.5);
    }

    @Test
    void shouldReturnUnitVectorsOfTheModelsDimensions() {
        Embedding embedding = embedder.embed(CAPITAL);

        assertThat(embedding.vector()).hasSize(384);
        assertThat(norm(embedding.vector())).isCloseTo(1.0, within(1e-4));
        assertThat(embedder.dimensions()).isEqualTo(384);
    }

    @Test
    void shouldReturnTheSameVectorForTheSameText() {
        assertThat(embedder.embed(CAPITAL).vector()).containsExactly(embedder.embed(CAPITAL).vector());
    }

    @Test
    void shouldChargeNoTokensAndNameTheModel() {
        assertThat(embedder.embed(CAPITAL).inputTokens()).isZero();
        assertThat(embedder.model()).isEqualTo("all-minilm-l6-v2-q");
    }

    @Test
    void shouldEmbedATextLongerThanTheModelsWindow() {
        String longText = "The quick brown fox jumps over the lazy dog near the river bank. ".repeat(150);

        Embedding embedding = embedder.embed(longText);

        assertThat(norm(embedding.vector())).isCloseTo(1.0, within(1e-4));
        assertThat(dot(embedding.vector(), embedder.embed("A fox jumps over a dog.").vector())).isGreaterThan(0.5);
    }

    @Test
    void shouldRefuseABlankTextAsAnEmbeddingFailure() {
        assertThatThrownBy(() -> embedder.embed("  \n"))
                .isInstanceOf(EmbeddingException.class)
                .hasMessage("cannot embed a blank text, got 3 blank characters");
    }

    @Test
    void shouldRefuseToEmbedOnceClosed() {
        MiniLmEmbedder second = MiniLmEmbedder.create();
        second.close();

        assertThatThrownBy(() -> second.embed(CAPITAL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the all-minilm-l6-v2-q embedder is closed");
    }

    private static double cosine(String a, String b) {
        return dot(embedder.embed(a).vector(), embedder.embed(b).vector());
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static double norm(float[] vector) {
        return Math.sqrt(dot(vector, vector));
    }
}
