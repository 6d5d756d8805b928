package io.tollgate.node.reconcile;

import io.tollgate.cluster.reconcile.ByType;
import io.tollgate.cluster.reconcile.ProviderFigure;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads a CSV invoice: a header row naming the columns, then one line per UTC day and model. Required columns
 * {@code date} ({@code 2026-11-01}), {@code model}, {@code cost_usd} (a decimal, at most nine places); optional
 * {@code requests}, {@code input_tokens} (uncached), {@code cached_input_tokens}, {@code cache_write_tokens},
 * {@code output_tokens} (an empty cell means unknown). Fields are separated by commas and may be wrapped in double
 * quotes; blank lines are skipped. The whole file is read or refused: the first bad line is reported by number, as an
 * {@link IllegalArgumentException} whose message starts {@code line <n>: }.
 */
public final class InvoiceCsv {

    static final Set<String> REQUIRED = Set.of("date", "model", "cost_usd");
    static final List<String> OPTIONAL = List.of("requests", "input_tokens", "cached_input_tokens",
            "cache_write_tokens", "output_tokens");

    private InvoiceCsv() {
    }

    /**
     * The invoice's figures, stored under {@code source}.
     *
     * @throws InvoiceException naming the line and the problem
     */
    public static List<ProviderFigure> parse(String text, String provider, String source) {
        String[] lines = text.split("\\R", -1);
        if (lines.length == 0 || lines[0].isBlank()) {
            throw new InvoiceException(1, "the header row is missing; expected for example date,model,cost_usd");
        }
        List<String> header = fields(lines[0]).stream().map(f -> f.toLowerCase(Locale.ROOT)).toList();
        for (String column : header) {
            if (!REQUIRED.contains(column) && !OPTIONAL.contains(column)) {
                throw new InvoiceException(1, "unknown column '" + column + "'; columns are date, model, cost_usd,"
                        + " and optionally " + String.join(", ", OPTIONAL));
            }
        }
        for (String column : REQUIRED) {
            if (!header.contains(column)) {
                throw new InvoiceException(1, "the header lacks the column '" + column + "'");
            }
        }
        List<ProviderFigure> figures = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            int number = i + 1;
            List<String> cells = fields(lines[i]);
            if (cells.size() != header.size()) {
                throw new InvoiceException(number, "has " + cells.size() + " fields, the header " + header.size());
            }
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), cells.get(c));
            }
            ProviderFigure figure = figure(row, number, provider, source);
            Integer earlier = seen.put(figure.day() + " " + figure.model(), number);
            if (earlier != null) {
                throw new InvoiceException(number, "repeats the date and model of line " + earlier);
            }
            figures.add(figure);
        }
        if (figures.isEmpty()) {
            throw new InvoiceException(2, "the invoice has no lines after the header");
        }
        return List.copyOf(figures);
    }

    private static ProviderFigure figure(Map<String, String> row, int number, String provider, String source) {
        LocalDate day;
        try {
            day = LocalDate.parse(row.get("date"));
        } catch (DateTimeParseException e) {
            throw new InvoiceException(number, "date must look like 2026-11-01, was '" + row.get("date") + "'");
        }
        String model = row.get("model");
        if (model.isBlank() || model.length() > 256) {
            throw new InvoiceException(number, "model must not be blank or longer than 256 characters");
        }
        long cost;
        try {
            BigDecimal usd = new BigDecimal(row.get("cost_usd"));
            if (usd.signum() < 0 || usd.scale() > 9) {
                throw new NumberFormatException();
            }
            cost = usd.movePointRight(9).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvoiceException(number, "cost_usd must be a decimal of at least 0 with at most nine places,"
                    + " was '" + row.get("cost_usd") + "'");
        }
        return new ProviderFigure(provider, day, model, source, count(row, "requests", number),
                new ByType(count(row, "input_tokens", number), count(row, "cached_input_tokens", number),
                        count(row, "cache_write_tokens", number), count(row, "output_tokens", number)),
                cost, ByType.NONE);
    }

    private static OptionalLong count(Map<String, String> row, String column, int number) {
        String text = row.getOrDefault(column, "");
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long value = Long.parseLong(text);
            if (value >= 0) {
                return OptionalLong.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvoiceException(number, column + " must be a whole number of at least 0, was '" + text + "'");
    }

    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        for (String field : line.split(",", -1)) {
            String trimmed = field.strip();
            if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
                trimmed = trimmed.substring(1, trimmed.length() - 1).strip();
            }
            out.add(trimmed);
        }
        return out;
    }

    /** A line of the invoice that cannot be read. */
    static final class InvoiceException extends IllegalArgumentException {

        private final int line;

        InvoiceException(int line, String problem) {
            super("line " + line + ": " + problem);
            this.line = line;
        }

        int line() {
            return line;
        }
    }
}
