package org.diameter4j.dictionary;

import java.util.Locale;

/**
 * "Did you mean …?" for names users type: AVP names in templates, keys in configuration files. Edit
 * distance (Levenshtein), case-insensitive.
 */
public final class Spelling {
    private Spelling() {}

    /**
     * The candidate closest to {@code given}, or null when none is within {@code maxDistance}
     * edits. Ties go to the first candidate.
     */
    public static String closest(String given, Iterable<String> candidates, int maxDistance) {
        String g = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(g, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= maxDistance ? best : null;
    }

    /** The Levenshtein distance between {@code a} and {@code b}. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
