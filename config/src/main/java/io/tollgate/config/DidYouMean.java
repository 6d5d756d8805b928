package io.tollgate.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Finds the known word a misspelt one most likely meant, for "did you mean" hints. Stateless. */
final class DidYouMean {

    /** The largest edit distance still offered as a suggestion. */
    static final int MAX_DISTANCE = 2;

    private DidYouMean() {
    }

    /** The known word closest to {@code word} when it is within {@link #MAX_DISTANCE} edits; ties go to order. */
    static Optional<String> closest(String word, Collection<String> known) {
        return known.stream()
                .sorted()
                .filter(candidate -> distance(word, candidate) <= MAX_DISTANCE)
                .min(Comparator.comparingInt(candidate -> distance(word, candidate)));
    }

    /** "did you mean 'weight'?" when a known word is close enough to {@code word}. */
    static Optional<String> suggestion(String word, Collection<String> known) {
        return closest(word, known).map(match -> "did you mean '" + match + "'?");
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
