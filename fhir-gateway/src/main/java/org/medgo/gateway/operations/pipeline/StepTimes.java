package org.medgo.gateway.operations.pipeline;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * Where one synchronous call's time went, for its {@code Server-Timing} header: the model's time next to each
 * step of the gateway's own work, so an operator (and {@code OperationsOverheadBenchmark}) can tell the
 * gateway's overhead from the model's and see which step grew. Durations only, never content. Confined to the
 * request's thread.
 */
public final class StepTimes {

    /** The steps of a call, in order; {@code code} is the Server-Timing metric name. */
    public enum Step {
        /** reading and parsing the body */
        PARSE("parse"),
        /** FHIR R4 validation of the input */
        VALIDATE("validate"),
        /** de-identification, vault write, prompt rendering */
        DEIDENTIFY("deid"),
        /** the engine, submit to result (queue wait included: the model is busy, not the gateway) */
        MODEL("model"),
        /** leak scan, re-identification, mapping to FHIR */
        MAP("map"),
        /** one transaction with the document and its sources, and the audit records */
        STORE("store"),
        /** the document Bundle the caller receives, serialised */
        DOCUMENT("document");

        private final String code;

        Step(String code) {
            this.code = code;
        }
    }

    private final long start = System.nanoTime();
    private final Map<Step, Long> nanos = new EnumMap<>(Step.class);

    public <T> T time(Step step, Supplier<T> work) {
        long t0 = System.nanoTime();
        try {
            return work.get();
        } finally {
            add(step, System.nanoTime() - t0);
        }
    }

    public void time(Step step, Runnable work) {
        time(step, () -> {
            work.run();
            return null;
        });
    }

    /** Adds a duration measured elsewhere (the model's own clock). */
    public void add(Step step, long durationNanos) {
        nanos.merge(step, durationNanos, Long::sum);
    }

    public long nanos(Step step) {
        return nanos.getOrDefault(step, 0L);
    }

    /** Since this object was made, i.e. since the call began. */
    public long totalNanos() {
        return System.nanoTime() - start;
    }

    /** {@code parse;dur=1.2, validate;dur=8.0, …, model;dur=812.4, total;dur=840.0} (milliseconds). */
    public String header() {
        StringJoiner header = new StringJoiner(", ");
        nanos.forEach((step, n) -> header.add(metric(step.code, n)));
        header.add(metric("total", totalNanos()));
        return header.toString();
    }

    private static String metric(String name, long nanos) {
        return String.format(Locale.ROOT, "%s;dur=%.1f", name, nanos / 1e6);
    }
}
