package org.medgo.inference.tokenizer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medgo.inference.testing.TestBundles;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BundleTokenizerTest {

    private static BundleTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = BundleTokenizer.load(TestBundles.demo().resolve("tokenizer.json"));
    }

    @AfterAll
    static void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
    }

    @Test
    void specialTokensMapToTheirIds() {
        assertThat(tokenizer.encode("<|im_start|>user\nhi<|im_end|>")).startsWith(151644).endsWith(151645);
        assertThat(tokenizer.addedTokenId("<|im_end|>")).isEqualTo(151645);
        assertThat(tokenizer.isSpecial(151645)).isTrue();
        assertThat(tokenizer.isSpecial(tokenizer.addedTokenId("<think>"))).isFalse();
    }

    @Test
    void encodesChatPromptsExactlyAsTransformers() throws Exception {
        com.fasterxml.jackson.databind.JsonNode golden;
        try (var in = getClass().getResourceAsStream("/goldens/chat-template.json")) {
            org.junit.jupiter.api.Assumptions.assumeTrue(in != null, "goldens/chat-template.json not committed yet");
            golden = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
        }
        int checked = 0;
        for (var c : golden.get("cases")) {
            if (!c.has("ids")) {
                continue;
            }
            int[] expected = new int[c.get("ids").size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = c.get("ids").get(i).asInt();
            }
            assertThat(tokenizer.encode(c.get("text").asText())).as("case %d", checked).containsExactly(expected);
            assertThat(tokenizer.decode(expected)).isEqualTo(c.get("text").asText().replace("<|im_start|>", "")
                    .replace("<|im_end|>", "")); // special tokens are dropped when decoding
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
    }

    @Test
    void roundTripsEnglishChineseAndEmoji() {
        for (String s : new String[] {"Fever 39.2°C, cough.", "患者男，67岁，发热三天，伴咳嗽、咳痰。", "鬱 𠮷 😀 ✓ naïve"}) {
            assertThat(tokenizer.decode(tokenizer.encode(s))).isEqualTo(s);
        }
    }

    @Test
    void streamingNeverSplitsACharacter() {
        String text = "诊断：社区获得性肺炎 𠮷 鬱 😀 end";
        int[] ids = tokenizer.encode(text);
        // The test is only meaningful if some token carries part of a character.
        boolean partial = false;
        for (int id : ids) {
            byte[] b = tokenizer.tokenBytes(id);
            if (StreamingDetokenizer.completePrefix(b, b.length) != b.length || !valid(b)) {
                partial = true;
            }
        }
        assertThat(partial).as("some token holds an incomplete UTF-8 character").isTrue();
        StreamingDetokenizer d = new StreamingDetokenizer(tokenizer);
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            String piece = d.push(id);
            assertThat(piece).doesNotContain("\uFFFD");
            sb.append(piece);
        }
        sb.append(d.flush());
        assertThat(sb.toString()).isEqualTo(text);
    }

    @Test
    void aDanglingPartialCharacterBecomesAReplacementCharacterAtTheEnd() {
        int partial = -1;
        for (int id = 0; id < tokenizer.size() && partial < 0; id++) {
            byte[] b = tokenizer.tokenBytes(id);
            if (b.length > 0 && StreamingDetokenizer.completePrefix(b, b.length) == 0) {
                partial = id; // a byte-level piece that is only the start of a character
            }
        }
        assertThat(partial).isNotNegative();
        StreamingDetokenizer d = new StreamingDetokenizer(tokenizer);
        assertThat(d.push(partial)).isEmpty();
        assertThat(d.flush()).contains("\uFFFD");
    }

    private static boolean valid(byte[] b) {
        return new String(b, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8).length == b.length
                && !new String(b, StandardCharsets.UTF_8).contains("\uFFFD");
    }
}
