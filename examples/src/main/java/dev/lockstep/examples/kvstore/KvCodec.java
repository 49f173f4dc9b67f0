package dev.lockstep.examples.kvstore;

import dev.lockstep.examples.kvstore.KvMessage.Ack;
import dev.lockstep.examples.kvstore.KvMessage.Applied;
import dev.lockstep.examples.kvstore.KvMessage.Error;
import dev.lockstep.examples.kvstore.KvMessage.Found;
import dev.lockstep.examples.kvstore.KvMessage.Get;
import dev.lockstep.examples.kvstore.KvMessage.Missing;
import dev.lockstep.examples.kvstore.KvMessage.Put;
import dev.lockstep.examples.kvstore.KvMessage.Replicate;
import dev.lockstep.examples.kvstore.KvMessage.Status;
import dev.lockstep.examples.kvstore.KvMessage.Written;
import java.nio.charset.StandardCharsets;

/**
 * The line format of {@link KvMessage}s: a verb, then space-separated fields, then {@code '\n'}.
 *
 * <pre>
 * PUT key value          WRITTEN index
 * GET key                FOUND key value      MISSING key
 * STATUS                 APPLIED index
 * REPLICATE index key value                   ACK index
 * ERROR free text up to the end of the line
 * </pre>
 *
 * <h2>Returns</h2>
 * {@link #encode} gives the US-ASCII bytes of the line, newline included; {@link #decode} takes a
 * line without its newline. {@code decode(encode(m))} equals {@code m} for every message.
 *
 * <h2>Errors</h2>
 * {@link #decode} throws {@link IllegalArgumentException} for a line that is no message: an
 * unknown verb, a wrong number of fields, a field that is not a number where one is expected, or
 * a field the message's record rejects. The message quotes the line.
 */
public final class KvCodec {
    /** The longest line, newline included, that a peer may send. */
    public static final int MAX_LINE = 512;

    private KvCodec() {}

    /** The line of {@code message}, newline included. */
    public static byte[] encode(KvMessage message) {
        String line = switch (message) {
            case Put p -> "PUT " + p.key() + " " + p.value();
            case Written w -> "WRITTEN " + w.index();
            case Get g -> "GET " + g.key();
            case Found f -> "FOUND " + f.key() + " " + f.value();
            case Missing m -> "MISSING " + m.key();
            case Status s -> "STATUS";
            case Applied a -> "APPLIED " + a.index();
            case Replicate r -> "REPLICATE " + r.index() + " " + r.key() + " " + r.value();
            case Ack a -> "ACK " + a.index();
            case Error e -> "ERROR " + e.reason();
        };
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > MAX_LINE) {
            throw new IllegalArgumentException("a line of " + bytes.length + " bytes is longer than MAX_LINE ("
                    + MAX_LINE + "): " + line.substring(0, 40) + "...");
        }
        return bytes;
    }

    /** The message of {@code line} (without its newline). */
    public static KvMessage decode(String line) {
        int space = line.indexOf(' ');
        String verb = space < 0 ? line : line.substring(0, space);
        String[] f = line.split(" ", -1);
        try {
            return switch (verb) {
                case "PUT" -> {
                    expect(f, 3);
                    yield new Put(f[1], f[2]);
                }
                case "WRITTEN" -> new Written(number(only(f)));
                case "GET" -> new Get(only(f));
                case "FOUND" -> {
                    expect(f, 3);
                    yield new Found(f[1], f[2]);
                }
                case "MISSING" -> new Missing(only(f));
                case "STATUS" -> {
                    expect(f, 1);
                    yield new Status();
                }
                case "APPLIED" -> new Applied(number(only(f)));
                case "REPLICATE" -> {
                    expect(f, 4);
                    yield new Replicate(number(f[1]), f[2], f[3]);
                }
                case "ACK" -> new Ack(number(only(f)));
                case "ERROR" -> new Error(space < 0 ? "" : line.substring(space + 1));
                default -> throw new IllegalArgumentException("unknown verb '" + verb + "'");
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed kv message '" + line + "': " + e.getMessage(), e);
        }
    }

    /** The one field after the verb. */
    private static String only(String[] f) {
        expect(f, 2);
        return f[1];
    }

    private static void expect(String[] f, int fields) {
        if (f.length != fields) {
            throw new IllegalArgumentException("expected " + fields + " space-separated fields, got " + f.length);
        }
    }

    private static long number(String s) {
        if (!s.matches("[0-9]{1,18}")) {
            throw new IllegalArgumentException("'" + s + "' is not an index");
        }
        return Long.parseLong(s);
    }
}
