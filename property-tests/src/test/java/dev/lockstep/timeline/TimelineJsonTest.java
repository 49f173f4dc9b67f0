package dev.lockstep.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TimelineJsonTest {

    @Nested
    class Strings {
        @Test
        void neverContainALessThanSoNoTextCanCloseTheScriptElement() {
            String json = TimelineJson.quote("</script><!-- <script>");
            assertFalse(json.contains("<"), json);
            assertEquals("\"\\u003c/script\\u003e\\u003c!-- \\u003cscript\\u003e\"", json);
        }

        @Test
        void escapeQuotesBackslashesAndAmpersands() {
            assertEquals("\"say \\\"hi\\\" \\\\ \\u0026 bye\"", TimelineJson.quote("say \"hi\" \\ & bye"));
        }

        @Test
        void escapeControlCharactersAndTheJavaScriptLineSeparators() {
            assertEquals("\"a\\nb\\tc\\r\\u0001\\u2028\\u2029\"", TimelineJson.quote("a\nb\tc\r\u0001\u2028\u2029"));
        }

        @Test
        void keepOtherUnicodeAsItIs() {
            assertEquals("\"h\u00f4te \u2192 \u6f22\"", TimelineJson.quote("h\u00f4te \u2192 \u6f22"));
        }
    }

    @Nested
    class Documents {
        @Test
        void separateMembersAndElementsWithCommas() {
            String json = new TimelineJson().beginObject().member("a", 1).name("b").beginArray().value(1).value("x")
                    .beginObject().member("c", "y").endObject().endArray().member("d", 2).endObject()
                    .toString();
            assertEquals("{\"a\":1,\"b\":[1,\"x\",{\"c\":\"y\"}],\"d\":2}", json);
        }

        @Test
        void writeNullForAMissingString() {
            assertEquals("{\"a\":null}", new TimelineJson().beginObject().member("a", (String) null).endObject()
                    .toString());
        }
    }

    @Nested
    class Numbers {
        @Test
        void roundDoublesToThreeDecimalsAndDropTrailingZeros() {
            String json = new TimelineJson().beginArray().value(1.0).value(2.5).value(1.0 / 3).value(-0.0004)
                    .endArray().toString();
            assertEquals("[1,2.5,0.333,0]", json);
        }

        @Test
        void rejectNotANumber() {
            TimelineJson json = new TimelineJson();
            assertThrows(IllegalArgumentException.class, () -> json.value(Double.NaN));
        }
    }
}
