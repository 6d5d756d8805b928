package io.tollgate.adapters.pricing;

/**
 * Recognises the dated snapshot suffixes providers append to model names ({@code gpt-4o-mini-2024-07-18},
 * {@code claude-sonnet-4-5-20250929}) by scanning characters, without regular expressions, because it runs on the
 * request path.
 *
 * <p>Only full dates are stripped: {@code -YYYY-MM-DD}, and {@code -YYYYMMDD} or Vertex AI's {@code @YYYYMMDD}
 * ({@code claude-sonnet-4@20250514}), with a 20xx year, a month 01-12 and a day 01-31. Four-digit suffixes such as {@code gpt-3.5-turbo-0613} are left alone on purpose: those snapshots were
 * priced differently from the current alias.
 */
final class SnapshotSuffix {

    private static final int DASHED = 11;   // "-YYYY-MM-DD"
    private static final int COMPACT = 9;   // "-YYYYMMDD"

    private SnapshotSuffix() {
    }

    /**
     * The model name without its trailing date suffix, or the very same instance when it has none (so callers may
     * compare with {@code ==}).
     */
    static String strip(String model) {
        int length = model.length();
        if (length > DASHED && model.charAt(length - DASHED) == '-' && model.charAt(length - 6) == '-'
                && model.charAt(length - 3) == '-'
                && isDate(model, length - 10, length - 5, length - 2)) {
            return model.substring(0, length - DASHED);
        }
        if (length > COMPACT && (model.charAt(length - COMPACT) == '-' || model.charAt(length - COMPACT) == '@')
                && isDate(model, length - 8, length - 4, length - 2)) {
            return model.substring(0, length - COMPACT);
        }
        return model;
    }

    private static boolean isDate(String text, int year, int month, int day) {
        if (!digits(text, year, 4) || !digits(text, month, 2) || !digits(text, day, 2)) {
            return false;
        }
        int m = twoDigits(text, month);
        int d = twoDigits(text, day);
        return text.charAt(year) == '2' && text.charAt(year + 1) == '0' && m >= 1 && m <= 12 && d >= 1 && d <= 31;
    }

    private static boolean digits(String text, int from, int count) {
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int twoDigits(String text, int from) {
        return (text.charAt(from) - '0') * 10 + (text.charAt(from + 1) - '0');
    }
}
