package org.medgo.gateway.operations;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * For {@link OperationsOverheadBenchmark} only: an OpenAI-compatible endpoint (the protocol of the remote inference
 * tier, {@code MEDGO_INFERENCE_BACKEND=openai}) that answers every chat completion after a fixed time with one
 * schema-valid summary citing nothing, using no CPU while it "generates". It stands in for a GPU tier the build
 * machine cannot run, so that the gateway's own cost per call can be measured without the model's decode taking
 * the same two cores. Never used by a test or by the product.
 */
final class FixedLatencyTier implements AutoCloseable {

    private static final String SUMMARY = """
            {"course":[{"text":"Admitted for observation; stable.","sources":[]}],\
            "diagnoses":[{"text":"Hypertension","sources":[]}],\
            "medications":[{"text":"Continue current medications","sources":[]}],\
            "plan":[{"text":"Follow up in clinic","sources":[]}]}""";

    private final HttpServer server;
    private volatile long latencyMillis;

    FixedLatencyTier(long latencyMillis) throws IOException {
        this.latencyMillis = latencyMillis;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/models", x -> send(x, "application/json",
                "{\"object\":\"list\",\"data\":[{\"id\":\"medgo\",\"object\":\"model\"}]}"));
        server.createContext("/v1/chat/completions", this::complete);
        server.start();
    }

    /** E.g. short during the warm-up, which is about the gateway's JIT and caches, not the model. */
    void latency(long millis) {
        this.latencyMillis = millis;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void complete(HttpExchange x) throws IOException {
        boolean stream = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).contains("\"stream\":true");
        try {
            Thread.sleep(latencyMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String content = SUMMARY.replace("\"", "\\\"");
        String usage = "\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":60}";
        if (stream) {
            send(x, "text/event-stream", "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":\"stop\"}]}\n\n"
                    + "data: {\"choices\":[]," + usage + "}\n\ndata: [DONE]\n\n");
        } else {
            send(x, "application/json", "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + content
                    + "\"},\"finish_reason\":\"stop\"}]," + usage + "}");
        }
    }

    private static void send(HttpExchange x, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
