package org.medgo.inference.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A client of an OpenAI-compatible server (vLLM, KServe's OpenAI runtime, TGI, another MedGo gateway's
 * {@code /v1}): {@code GET /models}, {@code POST /chat/completions} and {@code /completions}, plain or streamed
 * (server-sent events). Plain JDK HTTP client; thread-safe.
 */
public final class OpenAiEndpoint {

    /** A finished (or cancelled) completion as the server reported it. */
    public record Completion(String content, String reasoning, String finishReason, int promptTokens, int completionTokens) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param baseUrl the API root, e.g. {@code http://vllm:8000/v1}
     * @param token   bearer token, or null
     * @param timeout per request (a stream: until its end)
     */
    public OpenAiEndpoint(URI baseUrl, String token, Duration timeout) {
        String b = baseUrl.toString();
        this.base = URI.create(b.endsWith("/") ? b : b + "/");
        this.token = token == null || token.isBlank() ? null : token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();
    }

    public URI baseUrl() {
        return base;
    }

    /** The first served model's id ({@code GET /models}). */
    public String firstModel() throws IOException, InterruptedException {
        HttpResponse<InputStream> r = http.send(request("models").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        JsonNode body = readOrThrow(r);
        JsonNode id = body.path("data").path(0).path("id");
        if (!id.isTextual()) {
            throw new EndpointException(r.statusCode(), 0, "GET models listed no model");
        }
        return id.asText();
    }

    /** A non-streamed call to {@code path} ({@code chat/completions} or {@code completions}). */
    public Completion complete(String path, ObjectNode body) throws IOException, InterruptedException {
        ObjectNode b = body.deepCopy().put("stream", false);
        HttpResponse<InputStream> r = http.send(post(path, b), HttpResponse.BodyHandlers.ofInputStream());
        JsonNode answer = readOrThrow(r);
        JsonNode choice = answer.path("choices").path(0);
        JsonNode message = choice.path("message");
        String content = message.isMissingNode() ? choice.path("text").asText("") : message.path("content").asText("");
        return new Completion(content, message.path("reasoning_content").asText(""), choice.path("finish_reason").asText("stop"),
                answer.path("usage").path("prompt_tokens").asInt(), answer.path("usage").path("completion_tokens").asInt());
    }

    /**
     * A streamed call: {@code onText} sees every piece of answer text as it arrives (reasoning pieces go to
     * {@code onReasoning}); polling {@code cancelled} between events, a true value closes the connection,
     * which makes the server stop generating. Usage is requested with {@code stream_options.include_usage}.
     */
    public Completion stream(String path, ObjectNode body, Consumer<String> onText, Consumer<String> onReasoning,
            BooleanSupplier cancelled) throws IOException, InterruptedException {
        ObjectNode b = body.deepCopy().put("stream", true);
        b.putObject("stream_options").put("include_usage", true);
        HttpResponse<InputStream> r = http.send(post(path, b), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            readOrThrow(r);
        }
        StringBuilder content = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        String finish = "stop";
        int prompt = 0;
        int completion = 0;
        try (InputStream in = r.body();
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (cancelled.getAsBoolean()) {
                    return new Completion(content.toString(), reasoning.toString(), "cancelled", prompt, completion);
                }
                if (!line.startsWith("data:")) {
                    continue; // blank separators and ": comments"
                }
                String data = line.substring(5).strip();
                if (data.equals("[DONE]")) {
                    break;
                }
                JsonNode chunk = JSON.readTree(data);
                if (chunk.has("error")) {
                    throw new EndpointException(502, 0, "the endpoint failed mid-stream: " + chunk.path("error").path("message").asText());
                }
                if (chunk.path("usage").isObject()) {
                    prompt = chunk.path("usage").path("prompt_tokens").asInt();
                    completion = chunk.path("usage").path("completion_tokens").asInt();
                }
                for (JsonNode choice : chunk.path("choices")) {
                    JsonNode delta = choice.path("delta");
                    String text = delta.isMissingNode() ? choice.path("text").asText("") : delta.path("content").asText("");
                    String thought = delta.path("reasoning_content").asText("");
                    if (!thought.isEmpty()) {
                        reasoning.append(thought);
                        onReasoning.accept(thought);
                    }
                    if (!text.isEmpty()) {
                        content.append(text);
                        onText.accept(text);
                    }
                    if (choice.path("finish_reason").isTextual()) {
                        finish = choice.path("finish_reason").asText();
                    }
                }
            }
        }
        return new Completion(content.toString(), reasoning.toString(), finish, prompt, completion);
    }

    private HttpRequest post(String path, ObjectNode body) throws IOException {
        return request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).header("Accept", "application/json, text/event-stream");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private static JsonNode readOrThrow(HttpResponse<InputStream> r) throws IOException {
        byte[] bytes;
        try (InputStream in = r.body()) {
            bytes = in.readNBytes(1 << 24);
        }
        if (r.statusCode() / 100 != 2) {
            String message;
            try {
                message = JSON.readTree(bytes).path("error").path("message").asText("HTTP " + r.statusCode());
            } catch (IOException e) {
                message = "HTTP " + r.statusCode();
            }
            int retryAfter = r.headers().firstValue("Retry-After").map(v -> {
                try {
                    return Integer.parseInt(v.strip());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }).orElse(0);
            throw new EndpointException(r.statusCode(), retryAfter, message);
        }
        return JSON.readTree(bytes);
    }
}
