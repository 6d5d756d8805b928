package io.tollgate.adapters.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotSuffixTest {

    @ParameterizedTest
    @CsvSource({
        "gpt-4o-mini-2024-07-18, gpt-4o-mini",
        "gpt-4.1-2025-04-14, gpt-4.1",
        "o4-mini-2025-04-16, o4-mini",
        "claude-sonnet-4-5-20250929, claude-sonnet-4-5",
        "claude-opus-4-20250514, claude-opus-4",
        "claude-3-haiku-20240307, claude-3-haiku",
        "m-2099-12-31, m",
        "claude-sonnet-4@20250514, claude-sonnet-4",
    })
    void shouldStripTrailingDate(String model, String base) {
        assertThat(SnapshotSuffix.strip(model)).isEqualTo(base);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "gpt-4o-mini", "claude-opus-4-1", "gpt-3.5-turbo-0613", "gpt-4-0125-preview", "o3",
        "-2024-07-18", "-20250929", "x-2024-13-01", "x-2024-07-32", "x-2024-00-10", "x-19990101",
        "x-2024-07-1", "x-2024_07_18", "x@2024-07-18", "x@2025092", "x-2025092", "x-202509291", "x-2O25-09-29", "",
    })
    void shouldKeepNamesWithoutFullDate(String model) {
        assertThat(SnapshotSuffix.strip(model)).isSameAs(model);
    }

    @Test
    void shouldStripOnlyOneSuffix() {
        assertThat(SnapshotSuffix.strip("a-20240101-20250929")).isEqualTo("a-20240101");
    }
}
