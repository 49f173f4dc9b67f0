package dev.lockstep.timeline;

/**
 * A small JSON writer whose output is safe to place inside an HTML {@code <script>} element.
 *
 * <h2>Escaping</h2>
 * Strings are escaped as JSON requires ({@code "}, {@code \}, control characters) and, beyond
 * that, {@code <}, {@code >}, {@code &}, U+2028, U+2029 and lone surrogates (which UTF-8 cannot
 * encode) are written as {@code \}{@code uXXXX}
 * escapes. The output therefore never contains a {@code <} character, so no user text (a task
 * named {@code </script>}, an exception message with {@code <!--}) can end the element or open
 * markup, and {@code JSON.parse} still returns the original strings unchanged.
 *
 * <h2>Shape</h2>
 * The writer does not check nesting; callers pair {@link #beginObject()} with
 * {@link #endObject()} and so on. Commas between members and elements are inserted
 * automatically.
 *
 * <h2>Threads</h2>
 * Not thread-safe; one writer builds one document.
 */
final class TimelineJson {
    private final StringBuilder out = new StringBuilder();
    /** Whether the next value or member is the first of its object or array. */
    private boolean first = true;

    /** Starts an object, as a value or after {@link #name}. */
    TimelineJson beginObject() {
        separate();
        out.append('{');
        first = true;
        return this;
    }

    /** Ends the current object. */
    TimelineJson endObject() {
        out.append('}');
        first = false;
        return this;
    }

    /** Starts an array, as a value or after {@link #name}. */
    TimelineJson beginArray() {
        separate();
        out.append('[');
        first = true;
        return this;
    }

    /** Ends the current array. */
    TimelineJson endArray() {
        out.append(']');
        first = false;
        return this;
    }

    /** Writes a member name; the next call writes its value. */
    TimelineJson name(String name) {
        separate();
        string(out, name);
        out.append(':');
        first = true; // the value that follows takes no comma
        return this;
    }

    /** Writes a string value ({@code null} is written as {@code null}). */
    TimelineJson value(String s) {
        separate();
        if (s == null) {
            out.append("null");
        } else {
            string(out, s);
        }
        return this;
    }

    /** Writes a number. */
    TimelineJson value(long n) {
        separate();
        out.append(n);
        return this;
    }

    /**
     * Writes a finite number, rounded to three decimals so that equal layouts give equal text.
     *
     * @throws IllegalArgumentException for NaN or an infinity, which JSON cannot represent
     */
    TimelineJson value(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("JSON has no representation for " + d);
        }
        separate();
        long thousandths = Math.round(d * 1000);
        if (thousandths % 1000 == 0) {
            out.append(thousandths / 1000);
        } else {
            out.append(java.math.BigDecimal.valueOf(thousandths, 3).stripTrailingZeros().toPlainString());
        }
        return this;
    }

    /** Writes a boolean. */
    TimelineJson value(boolean b) {
        separate();
        out.append(b);
        return this;
    }

    /** Shorthand for {@code name(name).value(value)}. */
    TimelineJson member(String name, String value) {
        return name(name).value(value);
    }

    /** Shorthand for {@code name(name).value(value)}. */
    TimelineJson member(String name, long value) {
        return name(name).value(value);
    }

    /** Shorthand for {@code name(name).value(value)}. */
    TimelineJson member(String name, double value) {
        return name(name).value(value);
    }

    /** The document written so far. */
    @Override
    public String toString() {
        return out.toString();
    }

    private void separate() {
        if (!first) {
            out.append(',');
        }
        first = false;
    }

    /** Appends {@code s} as a quoted JSON string that is safe inside a script element. */
    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029'
                            || TimelinePage.loneSurrogate(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** {@code s} as a quoted, script-safe JSON string. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        string(sb, s);
        return sb.toString();
    }
}
