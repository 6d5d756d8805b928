package io.tollgate.adapters.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.SseEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class PiecesTest {

    @Test
    void shouldKeepTheSpaceWithTheFollowingWordAndPunctuationApart() {
        assertThat(Pieces.of("Hello world!")).containsExactly("Hello", " world", "!");
    }

    @Test
    void shouldCutATwentyWordAnswerIntoManyContentChunksThatConcatenateExactly() {
        List<SseEvent> events = Replay.events(Dialect.OPENAI, Answers.openAiText(Answers.TWENTY_WORDS),
                new ReplayOptions("chatcmpl-1", 1L, false));

        List<String> contents = events.stream().filter(e -> e.data().contains("\"content\""))
                .map(e -> ReplayTest.tree(e).path("choices").path(0).path("delta").path("content").asText())
                .filter(content -> !content.isEmpty()).toList();
        assertThat(contents).hasSizeGreaterThanOrEqualTo(20);
        assertThat(String.join("", contents)).isEqualTo(Answers.TWENTY_WORDS);
        assertThat(contents).allSatisfy(piece -> assertThat(piece.length()).isLessThanOrEqualTo(Pieces.MAX_CHARS));
    }

    @Test
    void shouldConcatenateUnicodeEmojiAndNewlinesExactlyWithoutSplittingSurrogates() {
        List<String> pieces = Pieces.of(Answers.UNICODE);

        assertThat(String.join("", pieces)).isEqualTo(Answers.UNICODE);
        assertThat(pieces).hasSizeGreaterThan(10).allSatisfy(piece -> {
            assertThat(piece).isNotEmpty();
            assertThat(Character.isLowSurrogate(piece.charAt(0))).as("starts inside a pair: %s", piece).isFalse();
            assertThat(Character.isHighSurrogate(piece.charAt(piece.length() - 1)))
                    .as("ends inside a pair: %s", piece).isFalse();
        });
        assertThat(pieces).contains(" Köln", "?\n\n", "Next", " 👋🏽");
    }

    @Test
    void shouldCutLongWordsAndEmojiRunsAtTwelveCharacters() {
        String emoji = "😀".repeat(13);
        List<String> pieces = Pieces.of("internationalization " + emoji);

        assertThat(pieces).startsWith("internationa", "lization");
        assertThat(String.join("", pieces)).isEqualTo("internationalization " + emoji);
        assertThat(pieces).allSatisfy(piece -> assertThat(piece.length()).isLessThanOrEqualTo(Pieces.MAX_CHARS));
    }

    @Test
    void shouldGiveNoPiecesForEmptyText() {
        assertThat(Pieces.of("")).isEmpty();
    }
}
