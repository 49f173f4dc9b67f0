package dev.lockstep.examples.hunt;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Quotes arguments for a POSIX shell, so the "replay it" command of a report can be pasted back
 * as it is printed, whatever paths and class names it holds.
 *
 * <h2>Quoting</h2>
 * A word made only of letters, digits and {@code @%+=:,./_-} is left as it is; any other word,
 * and the empty word, is put in single quotes, a single quote inside it written {@code '\''}.
 */
final class ShellWords {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9@%+=:,./_-]+");

    private ShellWords() {}

    /** {@code word} quoted if it needs to be. */
    static String quote(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** {@code words} quoted and joined by spaces. */
    static String join(List<String> words) {
        return String.join(" ", words.stream().map(ShellWords::quote).toList());
    }
}
