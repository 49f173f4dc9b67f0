package dev.lockstep.choice;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Base64;

/**
 * Replay strings: the text form of a recorded choice sequence.
 *
 * <h2>Version 2</h2>
 * {@code lockstep:2:<payload>}, what a simulation prints ({@link Replay#format()}): the payload
 * carries the run's {@link ReplaySetup} (fault plan as drawn, scheduler, limits) and its choices,
 * run-length encoded, so the string alone reproduces the run and long runs of zeros or repeats
 * cost a few bytes. The layout is in {@code ReplayCodec}.
 *
 * <h2>Version 1</h2>
 * {@code lockstep:1:<payload>}: the choices alone, as unsigned LEB128 varints, in URL-safe base64
 * without padding (so the string survives shells, URLs and CI logs unquoted); {@link #format}
 * writes it. Still read: its setup is empty, so it replays with whatever setup the builder has.
 *
 * <h2>Files</h2>
 * Wherever a replay string is accepted, {@code @path} names a file that holds one (surrounding
 * whitespace ignored). A report writes a string longer than {@value #FILE_THRESHOLD} characters to
 * such a file, so no form (a Java literal, a shell argument) breaks on its size.
 *
 * <h2>Errors</h2>
 * {@link #parse} rejects a malformed string with an {@link IllegalArgumentException} whose message
 * names the problem: missing or wrong prefix, missing, non-numeric or unsupported version, bad base64
 * (the offending character and its position, an impossible length, stray bits in the last
 * character), a truncated or over-long varint, or a value beyond {@link Integer#MAX_VALUE}. Only
 * the canonical form that {@link #format} writes is accepted, so equal choices have one string.
 */
public final class Choices {
    /** The prefix every replay string starts with. */
    public static final String PREFIX = "lockstep:";
    /** The current format version, the one {@link Replay#format()} writes. */
    public static final int VERSION = 2;
    /** The choices-only version {@link #format(int[])} writes. */
    public static final int VERSION_1 = 1;
    /** Strings longer than this are also written to a file by reports, and replayed as {@code @path}. */
    public static final int FILE_THRESHOLD = 2048;
    /** The most choices a replay string may hold. */
    static final int MAX_CHOICES = 1 << 28;
    private static final String EXPECTED = PREFIX + VERSION + ":<URL-safe base64> (or " + PREFIX + VERSION_1
            + ":..., or @file)";

    private Choices() {}

    /** The version-1 replay string of {@code choices} (no setup; see {@link Replay#format()} for version 2). */
    public static String format(int[] choices) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(choices.length + 8);
        for (int i = 0; i < choices.length; i++) {
            int v = choices[i];
            if (v < 0) {
                throw new IllegalArgumentException("choice " + i + " is negative: " + v);
            }
            while ((v & ~0x7F) != 0) {
                out.write((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out.write(v);
        }
        return PREFIX + VERSION_1 + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    /**
     * The choices of a replay string of either version, or of {@code @path}. Surrounding whitespace
     * is ignored. A version-2 string's setup is dropped; {@link Replay#parse} keeps it.
     *
     * @throws IllegalArgumentException with a message naming what is wrong and, where it can, how
     *                                  to fix it; control characters of the input are escaped in it
     */
    public static int[] parse(String replay) {
        return parseReplay(replay).choices();
    }

    /** {@link Replay#parse}. */
    static Replay parseReplay(String replay) {
        if (replay != null && replay.strip().startsWith("@") && !replay.contains(PREFIX)) {
            return parseReplay(ReplayFiles.read(replay.strip().substring(1)));
        }
        if (replay == null) {
            throw new IllegalArgumentException("replay string is null; expected " + EXPECTED);
        }
        String s = replay.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("replay string is empty; expected " + EXPECTED);
        }
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            throw new IllegalArgumentException("replay string is wrapped in quotes (" + abbreviate(s)
                    + "); pass it without the surrounding quotes");
        }
        if (!s.startsWith(PREFIX)) {
            throw new IllegalArgumentException(wrongPrefix(s));
        }
        int colon = s.indexOf(':', PREFIX.length());
        if (colon < 0) {
            String rest = s.substring(PREFIX.length());
            throw new IllegalArgumentException(rest.isEmpty()
                    ? "replay string has no version after '" + PREFIX + "'; expected " + EXPECTED
                    : "replay string has no ':' after the version '" + abbreviate(rest) + "'; expected " + EXPECTED
                            + " (was the string cut short?)");
        }
        int version = checkVersion(s.substring(PREFIX.length(), colon));
        String payload = s.substring(colon + 1);
        if (version == VERSION_1) {
            return new Replay(ReplaySetup.none(), decodeVarints(decodeBase64(payload)));
        }
        return ReplayCodec.decode(decodeBase64(payload));
    }

    private static String wrongPrefix(String s) {
        if (s.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return "replay string prefix must be lower-case '" + PREFIX + "', got '" + abbreviate(s) + "'";
        }
        int at = s.indexOf(PREFIX);
        if (at > 0) {
            return "replay string has text before '" + PREFIX + "' ('" + abbreviate(s.substring(0, at))
                    + "'); pass only the part from '" + PREFIX + "' on";
        }
        return "replay string must start with '" + PREFIX + "', got '" + abbreviate(s) + "'";
    }

    private static int checkVersion(String version) {
        if (version.isEmpty()) {
            throw new IllegalArgumentException("replay string has an empty version ('" + PREFIX + ":'); expected "
                    + EXPECTED);
        }
        for (int i = 0; i < version.length(); i++) {
            if (version.charAt(i) < '0' || version.charAt(i) > '9') {
                throw new IllegalArgumentException("replay string version '" + abbreviate(version)
                        + "' is not a number; expected " + EXPECTED);
            }
        }
        if (!version.equals(Integer.toString(VERSION)) && !version.equals(Integer.toString(VERSION_1))) {
            throw new IllegalArgumentException("replay string has unsupported version '" + abbreviate(version)
                    + "'; this Lockstep reads versions " + VERSION_1 + " and " + VERSION
                    + " (was it written by another Lockstep release?)");
        }
        return Integer.parseInt(version);
    }

    private static byte[] decodeBase64(String payload) {
        for (int i = 0; i < payload.length(); i++) {
            char c = payload.charAt(i);
            if (!isUrlBase64(c)) {
                String what = c == '=' ? "padding '=' (replay strings are unpadded)"
                        : (c == '+' || c == '/') ? "standard-base64 '" + c + "' (expected URL-safe '-' or '_')"
                        : c == ':' ? "a second ':' (the payload follows the version's ':' and has none)"
                        : Character.isWhitespace(c) ? "whitespace (was the string wrapped across lines?)"
                        : c > 0x7E ? "non-ASCII character U+" + String.format("%04X", (int) c)
                        : c < 0x20 ? "control character U+" + String.format("%04X", (int) c)
                        : "'" + c + "'";
                throw new IllegalArgumentException("replay string has bad base64: " + what + " at payload position " + i);
            }
        }
        if (payload.length() % 4 == 1) {
            throw new IllegalArgumentException("replay string has bad base64: payload length " + payload.length()
                    + " is not a valid unpadded base64 length (was it cut short?)");
        }
        byte[] bytes = Base64.getUrlDecoder().decode(payload);
        // Canonical form: the unused low bits of the last character are zero, as format() writes them.
        int spare = payload.length() % 4 == 2 ? 4 : payload.length() % 4 == 3 ? 2 : 0;
        if (spare > 0 && (sextet(payload.charAt(payload.length() - 1)) & ((1 << spare) - 1)) != 0) {
            throw new IllegalArgumentException("replay string has bad base64: its last character '"
                    + payload.charAt(payload.length() - 1) + "' sets bits beyond the data (was the string edited?)");
        }
        return bytes;
    }

    private static boolean isUrlBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : 63;
    }

    private static int[] decodeVarints(byte[] bytes) {
        int[] out = new int[bytes.length];
        int n = 0;
        int i = 0;
        while (i < bytes.length) {
            int start = i;
            long value = 0;
            int shift = 0;
            int b;
            do {
                if (i >= bytes.length) {
                    throw new IllegalArgumentException("replay string has a truncated varint: choice " + n
                            + " starts at byte " + start + " but the payload ends inside it (was the string cut short?)");
                }
                if (shift >= 35) {
                    throw new IllegalArgumentException("replay string has a value out of range: choice " + n
                            + " (at byte " + start + ") is longer than 5 bytes, the most an int needs");
                }
                b = bytes[i++] & 0xFF;
                value |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            if (value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("replay string has a value out of range: choice " + n
                        + " is " + value + ", above " + Integer.MAX_VALUE);
            }
            if (b == 0 && i - start > 1) {
                throw new IllegalArgumentException("replay string has an over-long varint: choice " + n + " (at byte "
                        + start + ") ends in a zero byte; the canonical form is " + format(new int[] {(int) value}));
            }
            out[n++] = (int) value;
        }
        return Arrays.copyOf(out, n);
    }

    private static String abbreviate(String s) {
        return escape(s.length() <= 40 ? s : s.substring(0, 37) + "...");
    }

    /**
     * {@code s} with control and other invisible characters written as a backslash, u and four hex digits (and
     * backslash-n, -t, -r), so that text echoed in a message cannot move the cursor,
     * clear a terminal or forge a log line.
     */
    public static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean plain = c >= 0x20 && c != 0x7F && !(c >= 0x80 && c < 0xA0) && c != 0x2028 && c != 0x2029
                    && c != 0x200E && c != 0x200F && !(c >= 0x202A && c <= 0x202E) && !(c >= 0x2066 && c <= 0x2069);
            if (plain) {
                if (sb != null) {
                    sb.append(c);
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> sb.append(String.format("\\u%04X", (int) c));
            }
        }
        return sb == null ? s : sb.toString();
    }
}
