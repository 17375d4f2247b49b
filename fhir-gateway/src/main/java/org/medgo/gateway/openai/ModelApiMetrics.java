package org.medgo.gateway.openai;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.medgo.gateway.operations.model.InferenceQueue;
import org.springframework.stereotype.Component;

/**
 * Prometheus metrics of the {@code /v1} API ({@code /actuator/prometheus}): requests by endpoint and
 * outcome, time to first token, inter-token latency, tokens/s per call; and of the engine behind it:
 * queue depth (requests waiting for a KV slot) and KV slots in use.
 */
@Component
class ModelApiMetrics {

    /** How a call ended, as the {@code outcome} tag. */
    enum Outcome { OK, CANCELLED, REFUSED, BUSY, FAILED }

    private final MeterRegistry registry;
    private final Timer firstToken;
    private final Timer interToken;
    private final DistributionSummary tokensPerSecond;

    ModelApiMetrics(MeterRegistry registry, InferenceQueue queue) {
        this.registry = registry;
        this.firstToken = Timer.builder("medgo.openai.time.to.first.token").description("request received to first token sent")
                .publishPercentileHistogram().register(registry);
        this.interToken = Timer.builder("medgo.openai.inter.token.latency").description("gap between streamed pieces of text")
                .publishPercentileHistogram().register(registry);
        this.tokensPerSecond = DistributionSummary.builder("medgo.openai.tokens.per.second")
                .description("completion tokens per second of generation, per call").register(registry);
        Gauge.builder("medgo.inference.queue.depth", queue, q -> Math.max(0, q.engineLoad() - q.slots()))
                .description("requests waiting for a KV cache slot").register(registry);
        Gauge.builder("medgo.inference.kv.slots.in.use", queue, q -> Math.min(q.engineLoad(), q.slots()))
                .description("KV cache slots decoding or prefilling now").register(registry);
        Gauge.builder("medgo.inference.kv.slots", queue, InferenceQueue::slots).description("KV cache slots").register(registry);
    }

    void request(String endpoint, Outcome outcome) {
        Counter.builder("medgo.openai.requests").tag("endpoint", endpoint).tag("outcome", outcome.name().toLowerCase())
                .register(registry).increment();
    }

    void firstToken(long nanos) {
        firstToken.record(Duration.ofNanos(nanos));
    }

    void interToken(long nanos) {
        interToken.record(Duration.ofNanos(nanos));
    }

    void throughput(int completionTokens, long generationNanos) {
        if (completionTokens > 0 && generationNanos > 0) {
            tokensPerSecond.record(completionTokens * 1e9 / generationNanos);
        }
    }

    double requests(String endpoint, Outcome outcome) {
        Counter c = registry.find("medgo.openai.requests").tag("endpoint", endpoint).tag("outcome", outcome.name().toLowerCase()).counter();
        return c == null ? 0 : c.count();
    }
}
