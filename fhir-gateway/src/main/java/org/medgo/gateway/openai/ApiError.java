package org.medgo.gateway.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A refused or failed {@code /v1} call in OpenAI's error shape:
 * {@code {"error": {"message", "type", "param", "code"}}} with the matching HTTP status.
 *
 * @param retryAfterSeconds sent as {@code Retry-After} when positive (429/503)
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String type;
    private final String param;
    private final String code;
    private final int retryAfterSeconds;

    ApiError(int status, String type, String param, String code, String message, int retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static ApiError badRequest(String param, String message) {
        return new ApiError(400, "invalid_request_error", param, null, message, 0);
    }

    static ApiError unknownModel(String model) {
        return new ApiError(404, "invalid_request_error", "model", "model_not_found",
                "The model `" + model + "` does not exist; GET /v1/models lists the served one", 0);
    }

    static ApiError unauthorized(String message) {
        return new ApiError(401, "invalid_request_error", null, "invalid_api_key", message, 0);
    }

    static ApiError forbidden(String message) {
        return new ApiError(403, "permission_error", null, "insufficient_scope", message, 0);
    }

    static ApiError busy(String message, int retryAfterSeconds) {
        return new ApiError(503, "server_error", null, "server_overloaded", message, retryAfterSeconds);
    }

    static ApiError internal(String message) {
        return new ApiError(500, "server_error", null, null, message, 0);
    }

    public int status() {
        return status;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public ObjectNode toJson(ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", getMessage());
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return root;
    }
}
