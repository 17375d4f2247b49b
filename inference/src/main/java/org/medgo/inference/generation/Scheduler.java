package org.medgo.inference.generation;

import org.medgo.inference.runtime.DecoderBackend;
import org.medgo.inference.runtime.RowInput;
import org.medgo.inference.runtime.StepLogits;
import org.medgo.inference.sampling.TokenSampler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Continuous batching on one engine thread. Each iteration: admit waiting requests into free KV slots,
 * run at most one prefill chunk (so a long prompt cannot stall the others for its whole prefill), then
 * one decode step over every decoding sequence. Finished or cancelled sequences leave between steps;
 * the last decoding sequence moves into the freed slot so decode rows stay in slots {@code 0..n-1}.
 */
final class Scheduler implements Runnable {
    private static final Logger LOG = Logger.getLogger(Scheduler.class.getName());

    private final DecoderBackend backend;
    private final int tokenizerSize;
    private final LinkedBlockingQueue<Sequence> incoming = new LinkedBlockingQueue<>();
    private final ArrayDeque<Sequence> waiting = new ArrayDeque<>();
    private final Sequence[] decoding;
    private int decodingCount;
    private Sequence prefilling;
    private int prefillSlot;
    private final float[] scratch;
    private final List<RowInput> rows = new ArrayList<>();
    private volatile boolean running = true;
    final AtomicLong runtimeNanos = new AtomicLong();
    final AtomicLong busyNanos = new AtomicLong();
    final AtomicLong steps = new AtomicLong();

    Scheduler(DecoderBackend backend, int tokenizerSize) {
        this.backend = backend;
        this.tokenizerSize = Math.min(tokenizerSize, backend.shape().vocabSize());
        this.decoding = new Sequence[backend.shape().maxBatch()];
        this.scratch = new float[backend.shape().vocabSize()];
    }

    void submit(Sequence s) {
        if (!running) {
            throw new IllegalStateException("the inference engine is closed");
        }
        incoming.add(s);
    }

    void stop() {
        running = false;
    }

    /** Requests queued or running. */
    int load() {
        return incoming.size() + waiting.size() + decodingCount + (prefilling != null ? 1 : 0);
    }

    @Override
    public void run() {
        try {
            while (running) {
                if (idle()) {
                    Sequence s = incoming.poll(100, TimeUnit.MILLISECONDS);
                    if (s != null) {
                        waiting.add(s);
                    }
                    continue;
                }
                incoming.drainTo(waiting);
                long t0 = System.nanoTime();
                try {
                    iteration();
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "inference step failed; failing the running requests", e);
                    failRunning(e);
                }
                busyNanos.addAndGet(System.nanoTime() - t0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            IllegalStateException closed = new IllegalStateException("the inference engine was closed");
            failRunning(closed);
            incoming.drainTo(waiting);
            waiting.forEach(s -> s.handle.future().completeExceptionally(closed));
            waiting.clear();
        }
    }

    private boolean idle() {
        return waiting.isEmpty() && incoming.isEmpty() && prefilling == null && decodingCount == 0;
    }

    private void iteration() {
        waiting.removeIf(s -> {
            if (s.handle.isCancelRequested()) {
                s.finish = FinishReason.CANCELLED;
                s.handle.future().complete(s.result());
                return true;
            }
            return false;
        });
        if (prefilling != null && prefilling.handle.isCancelRequested()) {
            prefilling.finish = FinishReason.CANCELLED;
            complete(prefilling);
            prefilling = null;
        }
        if (prefilling == null && !waiting.isEmpty() && decodingCount < decoding.length) {
            prefilling = waiting.poll();
            prefillSlot = decodingCount;
        }
        if (prefilling != null) {
            prefillChunk();
        }
        if (decodingCount > 0) {
            decodeStep();
        }
    }

    private void prefillChunk() {
        Sequence s = prefilling;
        int n = Math.min(backend.shape().prefillChunk(), s.prompt.length - s.cached);
        StepLogits logits = backend.step(List.of(new RowInput(prefillSlot, s.cached, s.prompt, s.cached, n)));
        runtimeNanos.addAndGet(logits.runNanos());
        steps.incrementAndGet();
        s.cached += n;
        if (s.cached < s.prompt.length) {
            return;
        }
        prefilling = null;
        sample(s, logits, 0);
        if (s.finish != null || s.handle.isCancelRequested()) {
            if (s.finish == null) {
                s.finish = FinishReason.CANCELLED;
            }
            complete(s);
            return;
        }
        backend.moveSlot(prefillSlot, decodingCount, s.cached);
        decoding[decodingCount++] = s;
    }

    private void decodeStep() {
        rows.clear();
        for (int i = 0; i < decodingCount; i++) {
            Sequence s = decoding[i];
            rows.add(RowInput.decode(i, s.cached, s.next));
        }
        StepLogits logits = backend.step(rows);
        runtimeNanos.addAndGet(logits.runNanos());
        steps.incrementAndGet();
        for (int i = 0; i < decodingCount; i++) {
            Sequence s = decoding[i];
            s.cached++;
            if (s.handle.isCancelRequested()) {
                s.finish = FinishReason.CANCELLED;
            } else {
                sample(s, logits, i);
            }
        }
        for (int i = 0; i < decodingCount; ) {
            Sequence s = decoding[i];
            if (s.finish == null && s.cached + 1 > backend.shape().maxLength()) {
                s.finish = FinishReason.LENGTH;
            }
            if (s.finish == null) {
                i++;
                continue;
            }
            complete(s);
            int last = decodingCount - 1;
            if (i != last) {
                backend.moveSlot(last, i, decoding[last].cached);
                decoding[i] = decoding[last];
            }
            decoding[last] = null;
            decodingCount--;
        }
    }

    private void sample(Sequence s, StepLogits logits, int row) {
        if (s.constraint == null && s.sampler.isPlainGreedy()) {
            s.accept(logits.argmax(row, tokenizerSize)); // no copy of the row
            return;
        }
        logits.copyRow(row, scratch);
        for (int i = tokenizerSize; i < scratch.length; i++) {
            scratch[i] = Float.NEGATIVE_INFINITY; // padded ids no tokenizer knows
        }
        TokenSampler sampler = s.sampler;
        sampler.applyPenalties(scratch);
        int token;
        if (s.constraint == null) {
            token = sampler.choose(scratch);
        } else {
            token = constrainedChoice(s, sampler);
        }
        s.accept(token);
    }

    /**
     * Greedy: the argmax if the constraint allows it, else the argmax of the masked logits (the same
     * token masking first would give). Sampling: mask first, then draw once, so top-k/top-p/min-p see
     * only allowed tokens, as with a logits processor.
     */
    private int constrainedChoice(Sequence s, TokenSampler sampler) {
        int budget = s.budget();
        if (sampler.params().isGreedy()) {
            int t = TokenSampler.argmax(scratch, scratch.length);
            if (t >= 0 && s.constraint.allows(t, budget)) {
                return t;
            }
        }
        s.constraint.mask(scratch, budget);
        return sampler.choose(scratch);
    }

    private void complete(Sequence s) {
        s.handle.future().complete(s.result());
    }

    private void failRunning(RuntimeException e) {
        if (prefilling != null) {
            prefilling.handle.future().completeExceptionally(e);
            prefilling = null;
        }
        for (int i = 0; i < decodingCount; i++) {
            decoding[i].handle.future().completeExceptionally(e);
            decoding[i] = null;
        }
        decodingCount = 0;
    }
}
