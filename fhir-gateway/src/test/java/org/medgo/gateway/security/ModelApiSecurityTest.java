package org.medgo.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medgo.gateway.security.TestIssuer.INSTANCE;
import static org.medgo.gateway.security.TestIssuer.bearer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.medgo.gateway.operations.FhirHttp;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.operations.CapturingInferenceObserver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The /v1 API with security on: no token is a 401 and a token without {@code medgo.chat} a 403, both in
 * OpenAI's error shape; only the administrator scope may switch de-identification off, and then the model
 * sees the text as sent.
 */
@SecuredGatewayTest
class ModelApiSecurityTest {

    static final String CHAT = "{\"model\":\"medgo\",\"max_tokens\":4,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"Patient Mary Johnson, MRN 55012347, reports cough.\"}]}";

    @LocalServerPort
    int port;

    @Autowired
    CapturingInferenceObserver observer;

    @Test
    void tokensAndScopesDecideAndRefusalsAreOpenAiErrors() throws Exception {
        FhirHttp http = new FhirHttp(port);
        HttpResponse<String> none = http.post("/v1/chat/completions", CHAT, json(Map.of()));
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(error(none).at("/error/code").asText()).isEqualTo("invalid_api_key");

        HttpResponse<String> wrongScope = http.post("/v1/chat/completions", CHAT, json(bearer(INSTANCE.token("system/Composition.crs"))));
        assertThat(wrongScope.statusCode()).isEqualTo(403);
        assertThat(error(wrongScope).at("/error/type").asText()).isEqualTo("permission_error");

        HttpResponse<String> models = http.get("/v1/models", bearer(INSTANCE.token("medgo.chat")));
        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(error(models).at("/data/0/id").asText()).isEqualTo("medgo");

        Map<String, String> identified = new HashMap<>(bearer(INSTANCE.token("medgo.chat")));
        identified.put("X-MedGo-Deidentify", "off");
        assertThat(http.post("/v1/chat/completions", CHAT, json(identified)).statusCode()).isEqualTo(403);

        int mark = observer.mark();
        HttpResponse<String> deidentified = http.post("/v1/chat/completions", CHAT, json(bearer(INSTANCE.token("medgo.chat"))));
        assertThat(deidentified.statusCode()).as(deidentified.body()).isEqualTo(200);
        assertThat(observer.since(mark)).singleElement().asString().doesNotContain("Mary Johnson", "55012347");

        Map<String, String> admin = new HashMap<>(bearer(INSTANCE.token("system/*.cruds")));
        admin.put("X-MedGo-Deidentify", "off");
        mark = observer.mark();
        HttpResponse<String> raw = http.post("/v1/chat/completions", CHAT, json(admin));
        assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
        assertThat(observer.since(mark)).singleElement().asString().contains("Mary Johnson", "55012347");
    }

    private static Map<String, String> json(Map<String, String> headers) {
        Map<String, String> h = new HashMap<>(headers);
        h.put("Content-Type", "application/json");
        return h;
    }

    private static JsonNode error(HttpResponse<String> r) throws Exception {
        return new ObjectMapper().readTree(r.body());
    }
}
