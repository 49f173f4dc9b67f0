package dev.lockstep.property;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * DurationText written as text in annotations and environment variables: a whole number and a unit,
 * {@code ns}, {@code us}, {@code ms}, {@code s}, {@code m}, {@code h} or {@code d} ({@code "10m"},
 * {@code "500ms"}), a bare number of milliseconds ({@code "1500"}), or ISO-8601
 * ({@code "PT1M30S"}).
 */
public final class DurationText {
    private DurationText() {}

    /**
     * Parses {@code text}; {@code what} names the setting in the error message.
     *
     * @throws IllegalArgumentException if the text is empty, negative or not one of the forms above
     */
    public static Duration parse(String text, String what) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty; write a duration like 10s, 500ms, 10m or PT1M");
        }
        if (s.startsWith("P") || s.startsWith("p")) {
            try {
                return nonNegative(Duration.parse(s), s, what);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(what + ": '" + s + "' is not an ISO-8601 duration like PT1M30S");
            }
        }
        int unitAt = 0;
        while (unitAt < s.length() && (Character.isDigit(s.charAt(unitAt)) || (unitAt == 0 && s.charAt(0) == '-'))) {
            unitAt++;
        }
        long amount;
        try {
            amount = Long.parseLong(s.substring(0, unitAt));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + s + "' does not start with a whole number;"
                    + " write a duration like 10s, 500ms, 10m or PT1M");
        }
        String unit = s.substring(unitAt).strip();
        Duration d = switch (unit) {
            case "", "ms" -> Duration.ofMillis(amount);
            case "ns" -> Duration.ofNanos(amount);
            case "us" -> Duration.ofNanos(Math.multiplyExact(amount, 1000L));
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException(what + ": unknown unit '" + unit + "' in '" + s
                    + "'; use ns, us, ms, s, m, h or d");
        };
        return nonNegative(d, s, what);
    }

    private static Duration nonNegative(Duration d, String s, String what) {
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, got '" + s + "'");
        }
        return d;
    }
}
