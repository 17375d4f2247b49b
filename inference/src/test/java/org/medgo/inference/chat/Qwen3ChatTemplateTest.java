package org.medgo.inference.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java template must render exactly what Qwen3's Jinja template renders. Fixture
 * {@code fixtures/chat-template-jinja.json} comes from {@code src/test/scripts/render_chat_template.py}
 * (jinja2, the real tokenizer_config.json); {@code goldens/chat-template.json} (transformers'
 * apply_chat_template on the GPU machine) is checked too when present.
 */
class Qwen3ChatTemplateTest {

    private final Qwen3ChatTemplate template = new Qwen3ChatTemplate();

    @Test
    void matchesJinjaRenderingOfTheRealTemplate() throws Exception {
        int checked = checkFixture("/fixtures/chat-template-jinja.json");
        assertThat(checked).isGreaterThanOrEqualTo(10);
    }

    @Test
    void matchesTransformersGoldensWhenPresent() throws Exception {
        if (getClass().getResource("/goldens/chat-template.json") == null) {
            org.junit.jupiter.api.Assumptions.abort("goldens/chat-template.json not committed yet");
        }
        assertThat(checkFixture("/goldens/chat-template.json")).isGreaterThanOrEqualTo(10);
    }

    @Test
    void thinkingOffAddsTheEmptyThinkBlock() {
        String on = template.render(List.of(ChatMessage.user("hi")), true, true);
        String off = template.render(List.of(ChatMessage.user("hi")), true, false);
        assertThat(on).isEqualTo("<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n");
        assertThat(off).isEqualTo(on + "<think>\n\n</think>\n\n");
    }

    @Test
    void reasoningIsSplitFromTheAnswer() {
        assertThat(ReasoningSplit.of("<think>\nweigh options\n</think>\n\nPneumonia."))
                .isEqualTo(new ReasoningSplit("weigh options", "Pneumonia."));
        assertThat(ReasoningSplit.of("Plain answer")).isEqualTo(new ReasoningSplit("", "Plain answer"));
        assertThat(ReasoningSplit.of("<think>\ncut off by the token li")).isEqualTo(new ReasoningSplit("cut off by the token li", ""));
        assertThat(ReasoningSplit.of("考虑肺炎。</think>\n\n建议胸片。")).isEqualTo(new ReasoningSplit("考虑肺炎。", "建议胸片。"));
    }

    private int checkFixture(String resource) throws Exception {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            root = new ObjectMapper().readTree(in);
        }
        JsonNode cases = root.isArray() ? root : root.has("cases") ? root.get("cases") : root.get("conversations");
        int n = 0;
        for (JsonNode c : cases) {
            List<ChatMessage> messages = new ArrayList<>();
            for (JsonNode m : c.get("messages")) {
                JsonNode rc = m.get("reasoning_content");
                messages.add(new ChatMessage(m.get("role").asText(), m.get("content").asText(),
                        rc == null || rc.isNull() ? null : rc.asText()));
            }
            boolean thinking = !c.has("enable_thinking") || c.get("enable_thinking").asBoolean();
            boolean generation = !c.has("add_generation_prompt") || c.get("add_generation_prompt").asBoolean();
            String expected = c.has("text") ? c.get("text").asText()
                    : c.has("prompt") ? c.get("prompt").asText() : c.get("rendered").asText();
            assertThat(template.render(messages, generation, thinking)).as("case %d of %s", n, resource).isEqualTo(expected);
            n++;
        }
        return n;
    }
}
