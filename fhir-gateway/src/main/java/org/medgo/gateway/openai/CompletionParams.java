package org.medgo.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.medgo.inference.chat.ChatMessage;
import org.medgo.inference.sampling.SamplingParams;

/**
 * A validated {@code /v1/chat/completions} or {@code /v1/completions} body. Unset sampling fields take
 * Qwen3's recommended values (temperature 0.6, top_p 0.95, top_k 20), as vLLM does from the model's
 * generation config. Everything the engine cannot honour is refused with 400 rather than ignored.
 *
 * @param messages     the conversation (chat); null for text completions
 * @param prompt       the raw prompt (text completions); null for chat
 * @param maxTokens    generation budget, or null for the configured default
 * @param jsonSchema   JSON Schema text from {@code response_format} or vLLM's {@code guided_json}, or null
 * @param thinking     Qwen3 thinking ({@code chat_template_kwargs.enable_thinking}, default on)
 * @param user         OpenAI's {@code user}: the conversation key when no header names one
 */
record CompletionParams(Endpoint endpoint, String model, List<ChatMessage> messages, String prompt, boolean stream,
                        boolean includeUsage, Integer maxTokens, SamplingParams sampling, List<String> stop, int n,
                        String jsonSchema, boolean thinking, boolean ignoreEos, String user) {

    static final int MAX_N = 8;
    static final int MAX_MESSAGES = 512;

    enum Endpoint {
        CHAT("chat.completion", "chatcmpl-"), TEXT("text_completion", "cmpl-");

        final String object;
        final String idPrefix;

        Endpoint(String object, String idPrefix) {
            this.object = object;
            this.idPrefix = idPrefix;
        }
    }

    static CompletionParams parse(JsonNode body, Endpoint endpoint) {
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest(null, "the body must be a JSON object");
        }
        String model = text(body, "model");
        if (model == null) {
            throw ApiError.badRequest("model", "model is required");
        }
        for (String unsupported : List.of("tools", "functions", "suffix", "audio", "modalities", "best_of", "prediction")) {
            JsonNode v = body.get(unsupported);
            if (v != null && !v.isNull() && !(v.isArray() && v.isEmpty()) && !(unsupported.equals("best_of") && v.asInt() == 1)) {
                throw ApiError.badRequest(unsupported, unsupported + " is not supported by this server");
            }
        }
        boolean logprobs = endpoint == Endpoint.TEXT ? body.hasNonNull("logprobs")
                : bool(body, "logprobs", false) || body.hasNonNull("top_logprobs");
        if (logprobs) {
            throw ApiError.badRequest("logprobs", "logprobs are not returned by this engine");
        }
        if (bool(body, "echo", false)) {
            throw ApiError.badRequest("echo", "echo is not supported");
        }
        List<ChatMessage> messages = endpoint == Endpoint.CHAT ? ChatMessages.parse(body.get("messages")) : null;
        String prompt = endpoint == Endpoint.TEXT ? prompt(body.get("prompt")) : null;
        JsonNode options = body.get("stream_options");
        boolean stream = bool(body, "stream", false);
        boolean includeUsage = options != null && options.isObject() && bool(options, "include_usage", false);
        Integer maxTokens = integer(body, "max_completion_tokens", 1, Integer.MAX_VALUE);
        if (maxTokens == null) {
            maxTokens = integer(body, "max_tokens", 1, Integer.MAX_VALUE);
        }
        Integer n = integer(body, "n", 1, MAX_N);
        JsonNode kwargs = body.get("chat_template_kwargs");
        boolean thinking = kwargs == null || !kwargs.isObject() || bool(kwargs, "enable_thinking", true);
        return new CompletionParams(endpoint, model, messages, prompt, stream, includeUsage, maxTokens, sampling(body),
                stop(body.get("stop")), n == null ? 1 : n, JsonSchemaField.of(body), thinking,
                bool(body, "ignore_eos", false), text(body, "user"));
    }

    private static SamplingParams sampling(JsonNode body) {
        double temperature = number(body, "temperature", 0.6);
        Integer topK = integer(body, "top_k", -1, Integer.MAX_VALUE);
        Long seed = body.hasNonNull("seed") ? requireLong(body.get("seed")) : null;
        try {
            return new SamplingParams(temperature, topK == null ? 20 : Math.max(0, topK), number(body, "top_p", 0.95),
                    number(body, "min_p", 0), number(body, "repetition_penalty", 1), number(body, "presence_penalty", 0),
                    number(body, "frequency_penalty", 0), seed);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(null, e.getMessage());
        }
    }

    private static String prompt(JsonNode node) {
        if (node != null && node.isArray() && node.size() == 1) {
            node = node.get(0);
        }
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            throw ApiError.badRequest("prompt", "prompt must be a non-empty string (or an array of one string)");
        }
        return node.asText();
    }

    private static List<String> stop(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(s -> {
                if (!s.isTextual()) {
                    throw ApiError.badRequest("stop", "stop must be a string or an array of strings");
                }
                out.add(s.asText());
            });
        } else {
            throw ApiError.badRequest("stop", "stop must be a string or an array of strings");
        }
        if (out.size() > 16 || out.stream().anyMatch(s -> s.isEmpty() || s.length() > 256)) {
            throw ApiError.badRequest("stop", "at most 16 stop strings of 1 to 256 characters");
        }
        return out;
    }

    static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiError.badRequest(field, field + " must be a string");
        }
        return v.asText();
    }

    private static boolean bool(JsonNode body, String field, boolean absent) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isBoolean()) {
            throw ApiError.badRequest(field, field + " must be true or false");
        }
        return v.asBoolean();
    }

    private static double number(JsonNode body, String field, double absent) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw ApiError.badRequest(field, field + " must be a number");
        }
        return v.asDouble();
    }

    private static Integer integer(JsonNode body, String field, int min, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            throw ApiError.badRequest(field, field + " must be an integer from " + min + (max == Integer.MAX_VALUE ? " up" : " to " + max));
        }
        return v.asInt();
    }

    private static long requireLong(JsonNode v) {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw ApiError.badRequest("seed", "seed must be an integer");
        }
        return v.asLong();
    }
}
