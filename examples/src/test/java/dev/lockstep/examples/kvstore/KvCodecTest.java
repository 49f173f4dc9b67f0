package dev.lockstep.examples.kvstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class KvCodecTest {
    /** One message of every kind. */
    static final List<KvMessage> EVERY_KIND = List.of(new Put("k1", "v1"), new Written(1), new Get("k1"),
            new Found("k1", "v1"), new Missing("k2"), new Status(), new Applied(0), new Replicate(7, "k-7", "{x}"),
            new Ack(7), new Error("a follower does not serve PUT"));

    static String line(KvMessage m) {
        return new String(KvCodec.encode(m), StandardCharsets.US_ASCII);
    }

    @Nested
    class Encoding {
        @Test
        void writesOneLineWithTheVerbFirst() {
            assertEquals("PUT k1 v1\n", line(new Put("k1", "v1")));
            assertEquals("REPLICATE 7 k-7 {x}\n", line(new Replicate(7, "k-7", "{x}")));
            assertEquals("STATUS\n", line(new Status()));
            assertEquals("ERROR not the leader\n", line(new Error("not the leader")));
        }

        @Test
        void decodingTheLineGivesTheMessageBackForEveryKind() {
            for (KvMessage m : EVERY_KIND) {
                String l = line(m);
                assertEquals(m, KvCodec.decode(l.substring(0, l.length() - 1)), l);
            }
        }

        @Test
        void refusesALineLongerThanTheLimit() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> KvCodec.encode(new Put("k", "v".repeat(KvCodec.MAX_LINE))));
            assertTrue(e.getMessage().contains("longer than MAX_LINE (512)"), e.getMessage());
        }
    }

    @Nested
    class Decoding {
        @Test
        void rejectsAnUnknownVerbQuotingTheLine() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KvCodec.decode("DEL k1"));
            assertEquals("malformed kv message 'DEL k1': unknown verb 'DEL'", e.getMessage());
        }

        @Test
        void rejectsTheWrongNumberOfFields() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> KvCodec.decode("PUT k1 v 1"));
            assertTrue(e.getMessage().endsWith("expected 3 space-separated fields, got 4"), e.getMessage());
        }

        @Test
        void rejectsAnIndexThatIsNoNumberOrOutOfRange() {
            assertThrows(IllegalArgumentException.class, () -> KvCodec.decode("ACK -1"));
            assertThrows(IllegalArgumentException.class, () -> KvCodec.decode("WRITTEN x"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> KvCodec.decode("WRITTEN 0"));
            assertTrue(e.getMessage().endsWith("a log index starts at 1, got 0"), e.getMessage());
        }

        @Test
        void rejectsAnErrorWithoutAReason() {
            assertThrows(IllegalArgumentException.class, () -> KvCodec.decode("ERROR"));
        }
    }

    @Nested
    class Messages {
        @Test
        void rejectKeysAndValuesThatWouldNotFitOnOneLine() {
            assertThrows(IllegalArgumentException.class, () -> new Put("k 1", "v"));
            assertThrows(IllegalArgumentException.class, () -> new Put("k", "v\n"));
            assertThrows(IllegalArgumentException.class, () -> new Get(""));
            assertThrows(IllegalArgumentException.class, () -> new Error("two\nlines"));
        }
    }
}
