package dev.lockstep.choice;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The payload of a version-2 replay string: the setup as tagged fields, then the choices
 * run-length encoded, all as unsigned LEB128 varints in URL-safe base64 without padding.
 *
 * <h2>Layout</h2>
 * <pre>
 * setup   := (tag value)* 0          tags in increasing order, each at most once
 *   1 faults         : length, UTF-8 bytes (the plan's text form)
 *   2 scheduler      : length, UTF-8 bytes
 *   3 maxSteps       : varint
 *   4 maxVirtualTime : varint (nanoseconds)
 *   5 livelockSteps  : varint
 * choices := token*
 *   token := v &lt;&lt; 1          one choice v
 *          | v &lt;&lt; 1 | 1, n   the choice v, n + 3 times
 * </pre>
 * A run of zeros or of any repeated value costs two or three bytes, so a long, mostly plain
 * schedule prints as a short string.
 */
final class ReplayCodec {
    private static final int MIN_RUN = 3;

    private ReplayCodec() {}

    static String encode(Replay replay) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReplaySetup s = replay.setup();
        if (s.faults() != null) {
            writeVarint(out, 1);
            writeText(out, s.faults());
        }
        if (s.scheduler() != null) {
            writeVarint(out, 2);
            writeText(out, s.scheduler());
        }
        writeLimit(out, 3, s.maxSteps());
        writeLimit(out, 4, s.maxVirtualTime());
        writeLimit(out, 5, s.livelockSteps());
        writeVarint(out, 0);
        int[] c = replay.choices();
        for (int i = 0; i < c.length; ) {
            int j = i;
            while (j < c.length && c[j] == c[i]) {
                j++;
            }
            int run = j - i;
            if (run >= MIN_RUN) {
                writeVarint(out, ((long) c[i] << 1) | 1);
                writeVarint(out, run - MIN_RUN);
                i = j;
            } else {
                writeVarint(out, (long) c[i] << 1);
                i++;
            }
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    static Replay decode(byte[] bytes) {
        Reader r = new Reader(bytes);
        String faults = null;
        String scheduler = null;
        long[] limits = {ReplaySetup.UNSET, ReplaySetup.UNSET, ReplaySetup.UNSET};
        int lastTag = 0;
        while (true) {
            if (r.atEnd()) {
                throw new IllegalArgumentException("replay string (version 2) ends inside its setup (was it cut short?)");
            }
            long tag = r.varint("setup tag");
            if (tag == 0) {
                break;
            }
            if (tag <= lastTag || tag > 5) {
                throw new IllegalArgumentException("replay string (version 2) has an unknown or repeated setup field "
                        + tag + " at byte " + (r.at - 1) + " (was it written by a newer Lockstep, or edited?)");
            }
            lastTag = (int) tag;
            switch ((int) tag) {
                case 1 -> faults = r.text("fault plan");
                case 2 -> scheduler = r.text("scheduler");
                default -> limits[(int) tag - 3] = r.varint("setup limit");
            }
        }
        int[] out = new int[Math.max(16, bytes.length)];
        int n = 0;
        while (!r.atEnd()) {
            long token = r.varint("choice " + n);
            long value = token >>> 1;
            if (value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("replay string has a value out of range: choice " + n + " is "
                        + value + ", above " + Integer.MAX_VALUE);
            }
            long count = 1;
            if ((token & 1) == 1) {
                count = r.varint("repeat count of choice " + n) + MIN_RUN;
            }
            if (n + count > Choices.MAX_CHOICES) {
                throw new IllegalArgumentException("replay string holds more than " + Choices.MAX_CHOICES
                        + " choices; no run draws that many");
            }
            while (out.length < n + count) {
                out = java.util.Arrays.copyOf(out, (int) Math.min(Choices.MAX_CHOICES, out.length * 2L));
            }
            for (long k = 0; k < count; k++) {
                out[n++] = (int) value;
            }
        }
        ReplaySetup setup = new ReplaySetup(faults, scheduler, limits[0], limits[1], limits[2]);
        return new Replay(setup, java.util.Arrays.copyOf(out, n));
    }

    private static void writeLimit(ByteArrayOutputStream out, int tag, long value) {
        if (value != ReplaySetup.UNSET) {
            writeVarint(out, tag);
            writeVarint(out, value);
        }
    }

    private static void writeText(ByteArrayOutputStream out, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        writeVarint(out, b.length);
        out.write(b, 0, b.length);
    }

    private static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** Reads varints and texts from the payload, naming the byte where it goes wrong. */
    private static final class Reader {
        private final byte[] bytes;
        private int at;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        boolean atEnd() {
            return at >= bytes.length;
        }

        long varint(String what) {
            int start = at;
            long value = 0;
            int shift = 0;
            int b;
            do {
                if (at >= bytes.length) {
                    throw new IllegalArgumentException("replay string has a truncated varint: " + what + " starts at byte "
                            + start + " but the payload ends inside it (was the string cut short?)");
                }
                if (shift >= 63) {
                    throw new IllegalArgumentException("replay string has a value out of range: " + what
                            + " (at byte " + start + ") is longer than a long");
                }
                b = bytes[at++] & 0xFF;
                value |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            return value;
        }

        String text(String what) {
            long length = varint(what + " length");
            if (length > bytes.length - at) {
                throw new IllegalArgumentException("replay string's " + what + " claims " + length
                        + " bytes but only " + (bytes.length - at) + " are left (was the string cut short?)");
            }
            String s = new String(bytes, at, (int) length, StandardCharsets.UTF_8);
            at += (int) length;
            return s;
        }
    }
}
