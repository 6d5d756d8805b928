package io.tollgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {

    @Test
    void shouldCountSwapsInsertionsAndDeletionsAsOneEdit() {
        assertThat(DidYouMean.distance("wieght", "weight")).isEqualTo(1);
        assertThat(DidYouMean.distance("prot", "port")).isEqualTo(1);
        assertThat(DidYouMean.distance("base_ur", "base_url")).isEqualTo(1);
        assertThat(DidYouMean.distance("keys", "keys")).isZero();
        assertThat(DidYouMean.distance("", "abc")).isEqualTo(3);
    }

    @Test
    void shouldSuggestOnlyWithinTwoEdits() {
        Set<String> known = Set.of("name", "value", "weight");

        assertThat(DidYouMean.closest("wieght", known)).contains("weight");
        assertThat(DidYouMean.closest("vaule", known)).contains("value");
        assertThat(DidYouMean.closest("password", known)).isEmpty();
    }
}
