package dev.lockstep.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OverridesTest {

    private static PropertySettings applied(Map<String, String> properties, Map<String, String> environment) {
        Property p = Property.of("x", sim -> {}).runs(7).seed(3);
        Overrides.from(properties::get, environment::get).applyTo(p);
        return p.settings();
    }

    @Nested
    class Precedence {
        @Test
        void aSystemPropertyWinsOverTheVariableWhichWinsOverTheTest() {
            assertEquals(7, applied(Map.of(), Map.of()).runs());
            assertEquals(50, applied(Map.of(), Map.of("LOCKSTEP_RUNS", "50")).runs());
            assertEquals(9, applied(Map.of("lockstep.runs", "9"), Map.of("LOCKSTEP_RUNS", "50")).runs());
        }

        @Test
        void aBlankValueCountsAsUnset() {
            assertEquals(50, applied(Map.of("lockstep.runs", " "), Map.of("LOCKSTEP_RUNS", "50")).runs());
            assertNull(applied(Map.of(), Map.of("LOCKSTEP_REPLAY", "")).replay());
        }

        @Test
        void everySettingIsRead() {
            PropertySettings s = applied(Map.of(), Map.of("LOCKSTEP_SEED", "0xff", "LOCKSTEP_REPLAY", " lockstep:1:Ag ",
                    "LOCKSTEP_SHARD", "2/4", "LOCKSTEP_PARALLELISM", "3", "LOCKSTEP_CHECK_DETERMINISM", "true",
                    "LOCKSTEP_SHRINK_TIME", "2s"));
            assertEquals(255, s.seed());
            assertEquals("lockstep:1:Ag", s.replay());
            assertEquals(new Shard(2, 4), s.shard());
            assertEquals(3, s.parallelism());
            assertEquals(Overrides.DEFAULT_DETERMINISM_SAMPLE, s.determinismSample());
            assertEquals(Duration.ofSeconds(2), s.shrinkTime());
            assertEquals(Runtime.getRuntime().availableProcessors(),
                    applied(Map.of("lockstep.parallelism", "all"), Map.of()).parallelism());
            assertEquals(0, applied(Map.of("lockstep.checkDeterminism", "false"), Map.of()).determinismSample());
            assertEquals(12, applied(Map.of("lockstep.checkDeterminism", "12"), Map.of()).determinismSample());
            assertEquals(-5, applied(Map.of("lockstep.seed", "-5"), Map.of()).seed());
        }

        @Test
        void givenListsWhatWasSetAndWhere() {
            Overrides o = Overrides.from(Map.of("lockstep.runs", "9")::get, Map.of("LOCKSTEP_SHARD", "1/2")::get);
            assertEquals(List.of("-Dlockstep.runs=9", "LOCKSTEP_SHARD=1/2"), o.given());
            assertEquals(List.of(), Overrides.none().given());
        }
    }

    @Nested
    class Store {
        @Test
        void theStoreIsTheDefaultADirectoryOrOff() {
            Path root = Path.of("target/lockstep");
            assertEquals(Optional.of(root), Overrides.none().storeRoot(root));
            assertEquals(Optional.of(Path.of("/tmp/s")), Overrides.from(k -> null, Map.of("LOCKSTEP_STORE", "/tmp/s")::get)
                    .storeRoot(root));
            assertEquals(Optional.empty(), Overrides.from(Map.of("lockstep.store", "off")::get, k -> null).storeRoot(root));
        }
    }

    @Nested
    class InvalidValues {
        @Test
        void eachNamesThePropertyTheVariableAndTheExpectedForm() {
            Map<String, String> bad = Map.of(
                    "LOCKSTEP_RUNS", "many",
                    "LOCKSTEP_SEED", "seed",
                    "LOCKSTEP_REPLAY", "lockstep:1:A=",
                    "LOCKSTEP_SHARD", "4/4",
                    "LOCKSTEP_PARALLELISM", "0",
                    "LOCKSTEP_CHECK_DETERMINISM", "maybe",
                    "LOCKSTEP_SHRINK_TIME", "10 parsecs");
            for (Map.Entry<String, String> e : bad.entrySet()) {
                IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                        () -> Overrides.from(k -> null, Map.of(e.getKey(), e.getValue())::get), e.getKey());
                String m = x.getMessage();
                assertTrue(m.startsWith(e.getKey() + "=" + e.getValue() + " is not valid: expected "), m);
                String property = "lockstep." + e.getKey().substring(9).toLowerCase().replace("_d", "D").replace("_t", "T");
                assertTrue(m.endsWith("; it is read from -D" + property + " or else " + e.getKey()), m);
            }
            String shard = assertThrows(IllegalArgumentException.class,
                    () -> Overrides.from(Map.of("lockstep.shard", "4/4")::get, k -> null)).getMessage();
            assertEquals("-Dlockstep.shard=4/4 is not valid: expected index/count, 0-based, like 0/4 (shard index 4 is out"
                    + " of range for 4 shards; indices are 0-based: 0/4 .. 3/4); it is read from -Dlockstep.shard or else"
                    + " LOCKSTEP_SHARD", shard);
        }

        @Test
        void aBadReplayStringIsEchoedWithItsControlCharactersEscaped() {
            String m = assertThrows(IllegalArgumentException.class, () -> Overrides.from(
                    Map.of("lockstep.replay", "lockstep:2:A\u001B[2J\nB")::get, k -> null)).getMessage();
            assertTrue(m.startsWith("-Dlockstep.replay=lockstep:2:A\\u001B[2J\\nB is not valid: expected "), m);
            assertTrue(m.chars().noneMatch(c -> c < 0x20), m);
        }

        @Test
        void variablesAreTheUpperCaseSnakeFormOfTheKey() {
            assertEquals("LOCKSTEP_CHECK_DETERMINISM", Overrides.variable("checkDeterminism"));
            assertEquals("LOCKSTEP_RUNS", Overrides.variable("runs"));
        }
    }
}
