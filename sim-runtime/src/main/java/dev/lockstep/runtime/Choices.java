package dev.lockstep.runtime;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Base64;

/**
 * Replay strings: the text form of a recorded choice sequence.
 *
 * <p>Format: {@code lockstep:1:<payload>}, where {@code 1} is the format version and the payload
 * is the choices as unsigned LEB128 varints, encoded in URL-safe base64 without padding (so the
 * string survives shells, URLs and CI logs unquoted). An empty sequence prints as
 * {@code lockstep:1:}.
 *
 * <h2>Errors</h2>
 * {@link #parse} rejects a malformed string with an {@link IllegalArgumentException} whose message
 * names the problem: missing or wrong prefix, unsupported version, bad base64 (with the offending
 * character and its position), a truncated varint, or a value beyond {@link Integer#MAX_VALUE}.
 */
public final class Choices {
    /** The prefix every replay string starts with. */
    public static final String PREFIX = "lockstep:";
    /** The current format version. */
    public static final int VERSION = 1;

    private Choices() {}

    /** The replay string of {@code choices}. */
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
        return PREFIX + VERSION + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    /**
     * The choices of a replay string.
     *
     * @throws IllegalArgumentException with a message naming what is wrong
     */
    public static int[] parse(String replay) {
        if (replay == null) {
            throw new IllegalArgumentException("replay string is null");
        }
        String s = replay.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("replay string is empty; expected " + PREFIX + VERSION + ":<base64>");
        }
        if (!s.startsWith(PREFIX)) {
            throw new IllegalArgumentException(
                    "replay string must start with '" + PREFIX + "', got '" + abbreviate(s) + "'");
        }
        int colon = s.indexOf(':', PREFIX.length());
        if (colon < 0) {
            throw new IllegalArgumentException(
                    "replay string has no version: expected " + PREFIX + VERSION + ":<base64>, got '" + abbreviate(s) + "'");
        }
        String version = s.substring(PREFIX.length(), colon);
        if (!version.equals(Integer.toString(VERSION))) {
            throw new IllegalArgumentException("replay string has unsupported version '" + abbreviate(version)
                    + "'; this Lockstep reads version " + VERSION);
        }
        String payload = s.substring(colon + 1);
        for (int i = 0; i < payload.length(); i++) {
            char c = payload.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                String what = c == '=' ? "padding '='" : (c == '+' || c == '/') ? "standard-base64 '" + c + "' (expected URL-safe '-' or '_')"
                        : Character.isWhitespace(c) ? "whitespace" : "'" + c + "'";
                throw new IllegalArgumentException("replay string has bad base64: " + what + " at payload position " + i);
            }
        }
        if (payload.length() % 4 == 1) {
            throw new IllegalArgumentException("replay string has bad base64: payload length " + payload.length()
                    + " is not a valid unpadded base64 length (was it cut short?)");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(payload);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("replay string has bad base64: " + e.getMessage(), e);
        }
        return decodeVarints(bytes);
    }

    private static int[] decodeVarints(byte[] bytes) {
        int[] out = new int[bytes.length];
        int n = 0;
        int i = 0;
        while (i < bytes.length) {
            int start = i;
            long value = 0;
            int shift = 0;
            while (true) {
                if (i >= bytes.length) {
                    throw new IllegalArgumentException("replay string has a truncated varint: choice " + n
                            + " starts at byte " + start + " but the payload ends inside it");
                }
                int b = bytes[i++] & 0xFF;
                if (shift >= 35) {
                    throw new IllegalArgumentException("replay string has a value out of range: choice " + n
                            + " (at byte " + start + ") is longer than 5 bytes");
                }
                value |= (long) (b & 0x7F) << shift;
                shift += 7;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            if (value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("replay string has a value out of range: choice " + n
                        + " is " + value + ", above " + Integer.MAX_VALUE);
            }
            out[n++] = (int) value;
        }
        return Arrays.copyOf(out, n);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
