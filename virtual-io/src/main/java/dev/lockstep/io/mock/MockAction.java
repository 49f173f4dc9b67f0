package dev.lockstep.io.mock;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** One step of a {@link MockIo} script. */
sealed interface MockAction {

    /** The code's reads return these bytes (over as many reads as it takes). */
    record Read(byte[] bytes) implements MockAction {
        public Read {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public String toString() {
            return "read " + MockAction.show(bytes, 0, bytes.length);
        }
    }

    /** The code must write exactly these bytes (over as many writes as it takes). */
    record Write(byte[] bytes) implements MockAction {
        public Write {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public String toString() {
            return "write " + MockAction.show(bytes, 0, bytes.length);
        }
    }

    /** Nothing happens for {@code nanos} of runtime time: reads and writes wait. */
    record Wait(long nanos) implements MockAction {
        @Override
        public String toString() {
            return "wait " + nanos + " ns";
        }
    }

    /** The next read fails with {@code error}. */
    record ReadError(RuntimeException error) implements MockAction {
        @Override
        public String toString() {
            return "read error " + error;
        }
    }

    /** The next write fails with {@code error}. */
    record WriteError(RuntimeException error) implements MockAction {
        @Override
        public String toString() {
            return "write error " + error;
        }
    }

    /** {@code bytes[from, to)} as a quoted, escaped string. */
    static String show(byte[] bytes, int from, int to) {
        StringBuilder sb = new StringBuilder("\"");
        String s = new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
