package io.tollgate.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void shouldSizeColumnsToTheWidestCellAndRightAlignNumbers() {
        String text = Table.create().left("NAME").right("COUNT").left("NOTE")
                .row("alpha", "7", "")
                .row("b", "12345", "long note")
                .render();

        assertThat(text).isEqualTo("""
                NAME   COUNT  NOTE
                alpha      7
                b      12345  long note""");
    }

    @Test
    void shouldCountBarCharactersAsOneColumnEach() {
        String text = Table.create().left("BAR").left("X").row("██░░", "a").row("█", "b").render();

        assertThat(text.lines()).containsExactly("BAR   X", "██░░  a", "█     b");
    }

    @Test
    void shouldRenderDetailsWithoutAHeader() {
        assertThat(Table.details().row("id", "vk_1").row("rate limit", "-").render())
                .isEqualTo("id          vk_1\nrate limit  -");
    }

    @Test
    void shouldRejectARowWithTheWrongNumberOfCells() {
        assertThatThrownBy(() -> Table.create().left("A").left("B").row("only one"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("row has 1 cells, table has 2 columns");
    }
}
