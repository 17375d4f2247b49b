package org.medgo.inference.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.medgo.inference.chat.ChatMessage;
import org.medgo.inference.generation.GenerationRequest;
import org.medgo.inference.generation.Prompt;
import org.medgo.inference.sampling.SamplingParams;

/** Engine requests as the OpenAI/vLLM bodies a remote tier receives. */
class RemoteRequestsTest {

    static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}}}";

    @Test
    void chatWithSchemaSamplingAndVllmExtensions() {
        GenerationRequest r = GenerationRequest.of(Prompt.chat(List.of(ChatMessage.system("s"), ChatMessage.user("u")), true),
                        new SamplingParams(0.7, 0, 0.9, 0.05, 1.1, 0.2, 0.3, 42L), 64)
                .withJsonSchema(SCHEMA).withStopStrings(List.of("END")).withStopTokenIds(Set.of(7)).withIgnoreEos(true);
        ObjectNode body = RemoteRequests.body(r, "medgo-32b", RemoteRequests.SchemaField.RESPONSE_FORMAT);
        assertThat(RemoteRequests.path(r)).isEqualTo("chat/completions");
        assertThat(body.get("model").asText()).isEqualTo("medgo-32b");
        assertThat(body.at("/messages/1/content").asText()).isEqualTo("u");
        assertThat(body.at("/chat_template_kwargs/enable_thinking").asBoolean()).as("a schema binds from the first token").isFalse();
        assertThat(body.get("top_k").asInt()).as("0 = off is vLLM's -1").isEqualTo(-1);
        assertThat(body.get("seed").asLong()).isEqualTo(42);
        assertThat(body.get("repetition_penalty").asDouble()).isEqualTo(1.1);
        assertThat(body.at("/stop/0").asText()).isEqualTo("END");
        assertThat(body.at("/stop_token_ids/0").asInt()).isEqualTo(7);
        assertThat(body.get("ignore_eos").asBoolean()).isTrue();
        assertThat(body.at("/response_format/json_schema/schema/properties/a/type").asText()).isEqualTo("integer");
        assertThat(body.has("guided_json")).isFalse();

        ObjectNode guided = RemoteRequests.body(r, "m", RemoteRequests.SchemaField.GUIDED_JSON);
        assertThat(guided.at("/guided_json/type").asText()).isEqualTo("object");
        assertThat(guided.has("response_format")).isFalse();
    }

    @Test
    void textPromptsGoToCompletionsAndTokenPromptsAreRefused() {
        GenerationRequest text = GenerationRequest.of(new Prompt.Text("Once"), SamplingParams.greedy(), 8);
        assertThat(RemoteRequests.path(text)).isEqualTo("completions");
        assertThat(RemoteRequests.body(text, "m", RemoteRequests.SchemaField.RESPONSE_FORMAT).get("prompt").asText()).isEqualTo("Once");
        GenerationRequest ids = GenerationRequest.of(new Prompt.Tokens(new int[] {1, 2}), SamplingParams.greedy(), 8);
        assertThatThrownBy(() -> RemoteRequests.path(ids)).isInstanceOf(IllegalArgumentException.class);
    }
}
