package org.diameter4j.simulator;

/** "500ms", "3s", "2m", "1h" or a plain number of milliseconds. */
public final class Durations {
    private Durations() {}

    public static long millis(String text, String where) {
        String s = text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (s.endsWith("ms")) {
                return Long.parseLong(s.substring(0, s.length() - 2).trim());
            }
            long unit =
                    switch (s.isEmpty() ? ' ' : s.charAt(s.length() - 1)) {
                        case 's' -> 1_000;
                        case 'm' -> 60_000;
                        case 'h' -> 3_600_000;
                        default -> 1;
                    };
            String num = unit == 1 ? s : s.substring(0, s.length() - 1).trim();
            return Math.round(Double.parseDouble(num) * unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    where + ": '" + text + "' is not a duration (write 500ms, 3s, 2m or 1h)");
        }
    }
}
