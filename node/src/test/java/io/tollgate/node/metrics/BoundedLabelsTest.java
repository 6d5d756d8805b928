package io.tollgate.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BoundedLabelsTest {

    @Test
    void shouldKeepTheFirstValuesAndReportLaterOnesAsOther() {
        BoundedLabels labels = new BoundedLabels(2);

        assertThat(labels.label("gpt-4o")).isEqualTo("gpt-4o");
        assertThat(labels.label("gpt-4o-mini")).isEqualTo("gpt-4o-mini");
        assertThat(labels.label("made-up-by-a-client")).isEqualTo(BoundedLabels.OTHER);
        assertThat(labels.label("gpt-4o")).as("a value seen before stays").isEqualTo("gpt-4o");
    }

    @Test
    void shouldRejectACapacityBelowOneNamingIt() {
        assertThatThrownBy(() -> new BoundedLabels(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be at least 1: 0");
    }
}
