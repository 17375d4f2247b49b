package org.medgo.inference.constrained;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The byte automaton alone: what it accepts, rejects, and how far it is from done. */
class JsonStateTest {

    private static final String SCHEMA = """
            {"type":"object","properties":{
               "severity":{"enum":["mild","moderate","severe"]},
               "score":{"type":"integer"},
               "ratio":{"type":"number"},
               "urgent":{"type":"boolean"},
               "codes":{"type":"array","items":{"type":"string","maxLength":8},"minItems":1,"maxItems":2},
               "vitals":{"type":"object","properties":{"hr":{"type":"integer"}},"required":["hr"]}},
             "required":["severity","codes","vitals"]}""";

    private static JsonState feed(String schema, String text) {
        JsonState s = JsonState.start(SchemaNode.compile(schema));
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            s = s.advance(b & 0xFF);
            if (s == null) {
                return null;
            }
        }
        return s;
    }

    @Test
    void acceptsValidDocumentsInAnyPropertyOrder() {
        JsonState s = feed(SCHEMA, "{\"codes\":[\"J18.9\",\"肺炎\"],\"severity\":\"severe\",\"vitals\":{\"hr\":-12},"
                + "\"ratio\":-0.5e+3,\"urgent\":false,\"score\":0}");
        assertThat(s).isNotNull();
        assertThat(s.complete()).isTrue();
    }

    @Test
    void rejectsWhatTheSchemaForbids() {
        assertThat(feed(SCHEMA, "{\"severity\":\"bad")).isNull();                  // not an enum value
        assertThat(feed(SCHEMA, "{\"unknown\"")).isNull();                         // undeclared property
        assertThat(feed(SCHEMA, "{\"severity\":\"mild\"}")).isNull();              // required missing
        assertThat(feed(SCHEMA, "{\"codes\":[]")).isNull();                        // minItems 1
        assertThat(feed(SCHEMA, "{\"codes\":[\"a\",\"b\",")).isNull();            // maxItems 2
        assertThat(feed(SCHEMA, "{\"codes\":[\"123456789")).isNull();              // maxLength 8
        assertThat(feed(SCHEMA, "{\"score\":1.5")).isNull();                       // integer
        assertThat(feed(SCHEMA, "{\"score\":01")).isNull();                        // leading zero
        assertThat(feed(SCHEMA, "{ ")).isNull();                                   // no whitespace outside strings
        assertThat(feed(SCHEMA, "{\"severity\":\"mild\",\"severity\"")).isNull();  // no duplicate keys
        assertThat(feed(SCHEMA, "{\"codes\":[\"a\u0001")).isNull();                // raw control character
    }

    @Test
    void minRemainingCountsTheShortestCompletion() {
        // {"severity":"mild","codes":[""],"vitals":{"hr":0}}
        JsonState start = JsonState.start(SchemaNode.compile(SCHEMA));
        String shortest = "{\"severity\":\"mild\",\"codes\":[\"\"],\"vitals\":{\"hr\":0}}";
        assertThat(start.minRemaining()).isEqualTo(shortest.length());
        JsonState mid = feed(SCHEMA, "{\"codes\":[\"x\"");
        assertThat(mid.minRemaining()).isEqualTo("],\"severity\":\"mild\",\"vitals\":{\"hr\":0}}".length());
    }

    @Test
    void numbersAtTheTopLevelMayEndAnywhereValid() {
        String schema = "{\"type\":\"number\"}";
        assertThat(feed(schema, "-").complete()).isFalse();
        assertThat(feed(schema, "12.5").complete()).isTrue();
        assertThat(feed(schema, "12.").complete()).isFalse();
    }

    @Test
    void enumsWithSharedPrefixesWaitForTheNextByte() {
        String schema = "{\"type\":\"object\",\"properties\":{\"n\":{\"enum\":[1,12]}},\"required\":[\"n\"]}";
        assertThat(feed(schema, "{\"n\":1}").complete()).isTrue();
        assertThat(feed(schema, "{\"n\":12}").complete()).isTrue();
        assertThat(feed(schema, "{\"n\":13")).isNull();
    }
}
