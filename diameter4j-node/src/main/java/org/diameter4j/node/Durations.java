package org.diameter4j.node;

import java.time.Duration;

/**
 * The one duration grammar of diameter4j — node YAML ({@code tw: 30s}), simulator rules ({@code
 * delay: 300ms}), the OCS's {@code tcc}, and every command-line option ({@code --timeout 5s}): a
 * non-negative number, integer or decimal, followed by its unit, {@code ms}, {@code s}, {@code m}
 * or {@code h}. A number without a unit is refused, because the places that once accepted one
 * disagreed on what it meant (seconds on the command line, milliseconds in rules).
 */
public final class Durations {
    /** What the error messages suggest. */
    public static final String EXAMPLES = "500ms, 10s, 1.5s, 2m or 1h";

    private Durations() {}

    /**
     * Parses {@code text}; spaces around the number and between number and unit are allowed.
     *
     * @throws IllegalArgumentException naming the text and the grammar
     */
    public static Duration parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a duration is required (" + EXAMPLES + ")");
        }
        String s = text.trim();
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        String number = s.substring(0, i);
        String unit = s.substring(i).trim();
        long scale =
                switch (unit) {
                    case "ms" -> 1L;
                    case "s" -> 1_000L;
                    case "m" -> 60_000L;
                    case "h" -> 3_600_000L;
                    default -> -1L;
                };
        if (number.isEmpty() || scale < 0) {
            throw new IllegalArgumentException(
                    "'"
                            + text
                            + "' is not a duration: write a number and its unit, "
                            + EXAMPLES
                            + (scale < 0 && unit.isEmpty() && !number.isEmpty()
                                    ? " (a bare number has no unit)"
                                    : ""));
        }
        double value;
        try {
            value = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration: '" + number + "' is not a number");
        }
        double millis = value * scale;
        if (millis > Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
        return Duration.ofMillis(Math.round(millis));
    }
}
