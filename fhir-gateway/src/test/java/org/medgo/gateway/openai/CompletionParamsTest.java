package org.medgo.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medgo.gateway.openai.CompletionParams.Endpoint;

/** Request bodies as OpenAI and vLLM clients send them, and the 400s for what the engine cannot honour. */
class CompletionParamsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void chatWithEverySamplingFieldAndVllmExtensions() throws Exception {
        CompletionParams p = CompletionParams.parse(json("""
                {'model':'medgo','messages':[{'role':'developer','content':'be brief'},
                  {'role':'user','content':[{'type':'text','text':'chest '},{'type':'text','text':'pain'}]},
                  {'role':'assistant','content':null,'tool_calls':[{'id':'c1','type':'function',
                     'function':{'name':'lookup','arguments':'{\\'q\\':1}'}}]},
                  {'role':'tool','tool_call_id':'c1','content':'42'}],
                 'max_completion_tokens':64,'max_tokens':9,'temperature':0.2,'top_p':0.9,'top_k':-1,'min_p':0.05,
                 'presence_penalty':0.5,'frequency_penalty':-0.5,'repetition_penalty':1.1,'seed':5,'stop':['\\n\\n','END'],
                 'n':2,'stream':true,'stream_options':{'include_usage':true},'user':'conv-7',
                 'chat_template_kwargs':{'enable_thinking':false},
                 'response_format':{'type':'json_schema','json_schema':{'name':'x','schema':{'type':'object','properties':{'a':{'type':'integer'}}}}}}
                """), Endpoint.CHAT);
        assertThat(p.messages()).extracting(m -> m.role()).containsExactly("system", "user", "assistant", "tool");
        assertThat(p.messages().get(1).content()).isEqualTo("chest pain");
        assertThat(p.messages().get(2).content()).isEqualTo("<tool_call>\n{\"name\": \"lookup\", \"arguments\": {\"q\":1}}\n</tool_call>");
        assertThat(p.maxTokens()).as("max_completion_tokens wins").isEqualTo(64);
        assertThat(p.sampling().temperature()).isEqualTo(0.2);
        assertThat(p.sampling().topK()).as("-1 = off").isZero();
        assertThat(p.sampling().minP()).isEqualTo(0.05);
        assertThat(p.sampling().repetitionPenalty()).isEqualTo(1.1);
        assertThat(p.sampling().seed()).isEqualTo(5L);
        assertThat(p.stop()).containsExactly("\n\n", "END");
        assertThat(p.n()).isEqualTo(2);
        assertThat(p.stream()).isTrue();
        assertThat(p.includeUsage()).isTrue();
        assertThat(p.thinking()).isFalse();
        assertThat(p.user()).isEqualTo("conv-7");
        assertThat(JSON.readTree(p.jsonSchema()).at("/properties/a/type").asText()).isEqualTo("integer");
    }

    @Test
    void defaultsAreQwen3sAndVllmGuidedJsonIsASchema() throws Exception {
        CompletionParams p = CompletionParams.parse(json("""
                {'model':'medgo','prompt':['Once'],'guided_json':{'type':'object','properties':{}},'stop':'x'}"""), Endpoint.TEXT);
        assertThat(p.prompt()).isEqualTo("Once");
        assertThat(p.sampling().temperature()).isEqualTo(0.6);
        assertThat(p.sampling().topP()).isEqualTo(0.95);
        assertThat(p.sampling().topK()).isEqualTo(20);
        assertThat(p.maxTokens()).isNull();
        assertThat(p.thinking()).isTrue();
        assertThat(p.jsonSchema()).contains("object");
        assertThat(p.stop()).containsExactly("x");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no model           | {'messages':[{'role':'user','content':'x'}]}                               | model",
            "empty messages     | {'model':'m','messages':[]}                                                | messages",
            "bad role           | {'model':'m','messages':[{'role':'robot','content':'x'}]}                  | messages[0].role",
            "image part         | {'model':'m','messages':[{'role':'user','content':[{'type':'image_url'}]}]} | messages[0].content",
            "temperature text   | {'model':'m','messages':[{'role':'user','content':'x'}],'temperature':'hot'} | temperature",
            "top_p zero         | {'model':'m','messages':[{'role':'user','content':'x'}],'top_p':0}        | ",
            "n too large        | {'model':'m','messages':[{'role':'user','content':'x'}],'n':99}           | n",
            "max_tokens zero    | {'model':'m','messages':[{'role':'user','content':'x'}],'max_tokens':0}   | max_tokens",
            "logprobs           | {'model':'m','messages':[{'role':'user','content':'x'}],'logprobs':true}  | logprobs",
            "tools              | {'model':'m','messages':[{'role':'user','content':'x'}],'tools':[{'type':'function'}]} | tools",
            "json_object        | {'model':'m','messages':[{'role':'user','content':'x'}],'response_format':{'type':'json_object'}} | response_format",
            "stop number        | {'model':'m','messages':[{'role':'user','content':'x'}],'stop':5}         | stop",
            "text logprobs      | {'model':'m','prompt':'x','logprobs':2}                                    | logprobs"})
    void refusedWith400(String name, String body, String param) throws Exception {
        Endpoint endpoint = body.contains("'prompt'") ? Endpoint.TEXT : Endpoint.CHAT;
        assertThatThrownBy(() -> CompletionParams.parse(json(body), endpoint)).isInstanceOfSatisfying(ApiError.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.toJson(JSON).at("/error/param").isNull() ? null : e.toJson(JSON).at("/error/param").asText())
                    .isEqualTo(param);
            assertThat(e.toJson(JSON).at("/error/type").asText()).isEqualTo("invalid_request_error");
        });
    }
}
