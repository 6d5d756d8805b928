package io.tollgate.ops;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for people: columns as wide as their widest cell, two spaces apart, text left-aligned and
 * numbers right-aligned, an upper-case header line (or none, for label/value listings). Not thread-safe.
 */
final class Table {

    /** How a column aligns its cells. */
    enum Align { LEFT, RIGHT }

    private final List<String> headers = new ArrayList<>();
    private final List<Align> aligns = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();
    private final boolean showHeader;

    private Table(boolean showHeader) {
        this.showHeader = showHeader;
    }

    /** A table with a header line; add columns with {@link #left} and {@link #right}. */
    static Table create() {
        return new Table(true);
    }

    /** A two-column label/value listing without a header. */
    static Table details() {
        return new Table(false).left("").left("");
    }

    Table left(String header) {
        return column(header, Align.LEFT);
    }

    Table right(String header) {
        return column(header, Align.RIGHT);
    }

    private Table column(String header, Align align) {
        if (!rows.isEmpty()) {
            throw new IllegalStateException("columns must be added before rows, column '" + header + "'");
        }
        headers.add(header);
        aligns.add(align);
        return this;
    }

    /** Adds a row; it must have one cell per column. */
    Table row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + headers.size()
                    + " columns");
        }
        rows.add(List.of(cells));
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table as lines joined by {@code \n}, without trailing spaces and without a final newline. */
    String render() {
        List<List<String>> lines = new ArrayList<>();
        if (showHeader) {
            lines.add(headers);
        }
        lines.addAll(rows);
        int[] widths = new int[headers.size()];
        for (List<String> line : lines) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], width(line.get(i)));
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                if (i > 0) {
                    text.append("  ");
                }
                String cell = line.get(i);
                String pad = " ".repeat(widths[i] - width(cell));
                text.append(aligns.get(i) == Align.RIGHT ? pad + cell : cell + pad);
            }
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(text.toString().stripTrailing());
        }
        return out.toString();
    }

    private static int width(String cell) {
        return cell.codePointCount(0, cell.length());
    }
}
