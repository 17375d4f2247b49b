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
 * run one prefill chunk for one of the prefilling requests (round robin, so a short prompt is not stuck
 * behind a long one and no prompt is starved), then one decode step over every decoding sequence.
 * Finished or cancelled sequences leave between steps.
 *
 * <p>Slots: decoding sequences hold slots {@code 0..d-1} (the backend's decode contract); prefilling
 * ones take the highest free slots. A sequence whose prefill is done moves into slot {@code d} (swapping
 * with a prefilling sequence that holds it); when a decoding sequence leaves, the last one moves into
 * its slot.
 */
final class Scheduler implements Runnable {
    private static final Logger LOG = Logger.getLogger(Scheduler.class.getName());

    private final DecoderBackend backend;
    private final int tokenizerSize;
    private final LinkedBlockingQueue<Sequence> incoming = new LinkedBlockingQueue<>();
    private final ArrayDeque<Sequence> waiting = new ArrayDeque<>();
    /** Who holds each KV slot (null = free). */
    private final Sequence[] owner;
    private int decodingCount;
    private final List<Sequence> prefilling = new ArrayList<>();
    private int roundRobin;
    private final float[] scratch;
    /** A device's top-k candidates of one row (k <= 64). */
    private final int[] candidateIds = new int[64];
    private final float[] candidateValues = new float[64];
    private final List<RowInput> rows = new ArrayList<>();
    private volatile boolean running = true;
    private volatile int load;
    final AtomicLong runtimeNanos = new AtomicLong();
    final AtomicLong busyNanos = new AtomicLong();
    final AtomicLong steps = new AtomicLong();

    Scheduler(DecoderBackend backend, int tokenizerSize) {
        this.backend = backend;
        this.tokenizerSize = Math.min(tokenizerSize, backend.shape().vocabSize());
        this.owner = new Sequence[backend.shape().maxBatch()];
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
        return incoming.size() + load;
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
                load = waiting.size() + decodingCount + prefilling.size();
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
        return waiting.isEmpty() && incoming.isEmpty() && prefilling.isEmpty() && decodingCount == 0;
    }

    private void iteration() {
        waiting.removeIf(s -> {
            if (s.handle.isCancelRequested()) {
                s.finish = FinishReason.CANCELLED;
                complete(s);
                return true;
            }
            return false;
        });
        prefilling.removeIf(s -> {
            if (s.handle.isCancelRequested()) {
                s.finish = FinishReason.CANCELLED;
                owner[s.slot] = null;
                complete(s);
                return true;
            }
            return false;
        });
        admit();
        if (!prefilling.isEmpty()) {
            roundRobin = roundRobin % prefilling.size();
            Sequence s = prefilling.get(roundRobin);
            if (prefillChunk(s)) {
                prefilling.remove(roundRobin);
            } else {
                roundRobin++;
            }
        }
        if (decodingCount > 0) {
            decodeStep();
        }
    }

    /** Waiting requests take the highest free slots. */
    private void admit() {
        for (int slot = owner.length - 1; slot >= decodingCount && !waiting.isEmpty(); slot--) {
            if (owner[slot] == null) {
                Sequence s = waiting.poll();
                s.slot = slot;
                owner[slot] = s;
                prefilling.add(s);
            }
        }
    }

    /** Runs one chunk of {@code s}'s prompt; returns true when {@code s} is no longer prefilling. */
    private boolean prefillChunk(Sequence s) {
        int n = Math.min(backend.shape().prefillChunk(), s.prompt.length - s.cached);
        StepLogits logits = backend.step(List.of(new RowInput(s.slot, s.cached, s.prompt, s.cached, n)));
        runtimeNanos.addAndGet(logits.runNanos());
        steps.incrementAndGet();
        s.cached += n;
        if (s.cached < s.prompt.length) {
            return false;
        }
        sample(s, logits, 0);
        if (s.finish != null || s.handle.isCancelRequested()) {
            if (s.finish == null) {
                s.finish = FinishReason.CANCELLED;
            }
            owner[s.slot] = null;
            complete(s);
            return true;
        }
        int target = decodingCount;
        if (s.slot != target) {
            Sequence other = owner[target];
            if (other != null) {
                // Another prefilling sequence holds the next decode slot: trade places.
                backend.swapSlots(s.slot, target, Math.max(s.cached, other.cached));
                other.slot = s.slot;
                owner[s.slot] = other;
            } else {
                backend.moveSlot(s.slot, target, s.cached);
                owner[s.slot] = null;
            }
            s.slot = target;
            owner[target] = s;
        }
        decodingCount++;
        return true;
    }

    private void decodeStep() {
        rows.clear();
        for (int i = 0; i < decodingCount; i++) {
            Sequence s = owner[i];
            rows.add(RowInput.decode(i, s.cached, s.next, backend.selection()
                    .readoutFor(s.sampler.decidingCandidates(), s.constraint != null, tokenizerSize)));
        }
        StepLogits logits = backend.step(rows);
        runtimeNanos.addAndGet(logits.runNanos());
        steps.incrementAndGet();
        for (int i = 0; i < decodingCount; i++) {
            Sequence s = owner[i];
            s.cached++;
            if (s.handle.isCancelRequested()) {
                s.finish = FinishReason.CANCELLED;
            } else {
                sample(s, logits, i);
            }
        }
        for (int i = 0; i < decodingCount; ) {
            Sequence s = owner[i];
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
                backend.moveSlot(last, i, owner[last].cached);
                owner[i] = owner[last];
                owner[i].slot = i;
            }
            owner[last] = null;
            decodingCount--;
        }
    }

    private void sample(Sequence s, StepLogits logits, int row) {
        if (s.constraint == null && s.sampler.isPlainGreedy()) {
            s.accept(logits.argmax(row, tokenizerSize)); // no copy of the row
            return;
        }
        int candidates = s.constraint == null ? logits.topCandidates(row, candidateIds, candidateValues) : -1;
        if (candidates > 0) { // the device's top-k: sample among them, no pass over the vocabulary
            s.accept(s.sampler.chooseAmong(candidateIds, candidateValues, candidates));
            return;
        }
        logits.copyRow(row, scratch);
        for (int i = tokenizerSize; i < scratch.length; i++) {
            scratch[i] = Float.NEGATIVE_INFINITY; // padded ids no tokenizer knows
        }
        TokenSampler sampler = s.sampler;
        sampler.applyPenalties(scratch);
        int token = s.constraint == null ? sampler.choose(scratch) : constrainedChoice(s, sampler);
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
        for (Sequence s : prefilling) {
            s.handle.future().completeExceptionally(e);
        }
        prefilling.clear();
        for (int i = 0; i < owner.length; i++) {
            if (owner[i] != null) {
                owner[i].handle.future().completeExceptionally(e);
                owner[i] = null;
            }
        }
        decodingCount = 0;
    }
}
