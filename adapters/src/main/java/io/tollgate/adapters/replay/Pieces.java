package io.tollgate.adapters.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts text into token-like pieces, the way providers stream it: the pre-tokenizing pattern of OpenAI's
 * {@code cl100k} encodings (a word keeps the space before it, punctuation runs and line breaks stand alone,
 * numbers go in groups of up to three digits), and no piece longer than {@link #MAX_CHARS} characters. Pieces
 * never split a surrogate pair, and they concatenate to the text exactly.
 */
final class Pieces {

    /** The longest piece, in UTF-16 characters. */
    static final int MAX_CHARS = 12;

    private static final Pattern TOKEN = Pattern.compile(
            "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}"
                    + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private Pieces() {
    }

    /** The pieces of the text, in order; none for empty text. */
    static List<String> of(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text);
        int at = 0;
        while (at < text.length()) {
            matcher.region(at, text.length());
            int end = matcher.lookingAt() && matcher.end() > at ? matcher.end() : text.offsetByCodePoints(at, 1);
            cut(text, at, end, pieces);
            at = end;
        }
        return pieces;
    }

    private static void cut(String text, int from, int to, List<String> pieces) {
        int start = from;
        while (to - start > MAX_CHARS) {
            int end = start + MAX_CHARS;
            if (Character.isLowSurrogate(text.charAt(end)) && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            pieces.add(text.substring(start, end));
            start = end;
        }
        pieces.add(text.substring(start, to));
    }
}
