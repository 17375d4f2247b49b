package org.medgo.inference.sampling;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks tokens for one sequence. Holds that sequence's random stream and token counts, so a sequence
 * samples the same tokens whatever else shares its batch. Order of processing (as in Hugging Face):
 * penalties, temperature, top-k, top-p, min-p, then a draw.
 *
 * <p>Works in place on a logits array the caller reuses across steps; per call it allocates nothing of
 * vocabulary size (the candidate arrays are kept between calls).
 */
public final class TokenSampler {

    private final SamplingParams params;
    private final SplittableRandom random;
    private final int vocab;
    /** Occurrences of each token in the output (presence/frequency) — lazily allocated. */
    private int[] outputCounts;
    /** Tokens of prompt + output seen so far (repetition penalty) — lazily allocated. */
    private boolean[] seen;
    /** The distinct ids in {@link #seen}, so penalties touch only those, not the whole vocabulary. */
    private int[] touched = new int[64];
    private int touchedCount;
    /** Candidate scratch, shared by all samplers on a thread (the engine samples on one thread). */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
    private long[] packed;
    private int[] candIds;
    private double[] candProbs;

    private static final class Scratch {
        long[] packed = new long[0];
        int[] ids = new int[0];
        double[] probs = new double[0];
    }

    public TokenSampler(SamplingParams params, int vocab) {
        this.params = params;
        this.vocab = vocab;
        this.random = new SplittableRandom(params.seed() != null ? params.seed() : System.nanoTime() ^ 0x9E3779B97F4A7C15L);
        if (params.hasPenalties()) {
            outputCounts = new int[vocab];
            seen = new boolean[vocab];
        }
    }

    /** Tells the sampler about prompt tokens (for the repetition penalty). */
    public void observePrompt(int[] prompt, int length) {
        if (seen != null) {
            for (int i = 0; i < length; i++) {
                if (prompt[i] >= 0 && prompt[i] < vocab) {
                    see(prompt[i]);
                }
            }
        }
    }

    /** Tells the sampler a token was generated. */
    public void observeOutput(int token) {
        if (outputCounts != null && token >= 0 && token < vocab) {
            outputCounts[token]++;
            see(token);
        }
    }

    private void see(int token) {
        if (!seen[token]) {
            seen[token] = true;
            if (touchedCount == touched.length) {
                touched = java.util.Arrays.copyOf(touched, touched.length * 2);
            }
            touched[touchedCount++] = token;
        }
    }

    /** Applies penalties to {@code logits[0..vocab)} in place. */
    public void applyPenalties(float[] logits) {
        if (outputCounts == null) {
            return;
        }
        float rep = (float) params.repetitionPenalty();
        float presence = (float) params.presencePenalty();
        float frequency = (float) params.frequencyPenalty();
        for (int j = 0; j < touchedCount; j++) {
            int i = touched[j];
            if (rep != 1f) {
                logits[i] = logits[i] > 0 ? logits[i] / rep : logits[i] * rep;
            }
            int c = outputCounts[i];
            if (c > 0) {
                logits[i] -= presence + frequency * c;
            }
        }
    }

    /**
     * Chooses a token from {@code logits[0..vocab)} (penalties already applied; masked tokens are
     * {@code -Infinity}). Returns -1 when every token is masked.
     */
    public int choose(float[] logits) {
        if (params.isGreedy()) {
            return argmax(logits, vocab);
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < vocab; i++) {
            max = Math.max(max, logits[i]);
        }
        if (max == Float.NEGATIVE_INFINITY) {
            return -1;
        }
        double invT = 1.0 / params.temperature();
        if (params.topK() == 0 && params.topP() >= 1 && params.minP() == 0) {
            return drawFromAll(logits, max, invT);
        }
        // Candidates: tokens within e^-30 of the top one after temperature; the rest cannot be drawn in
        // double precision anyway, and skipping them keeps sorting cheap on peaked distributions.
        double floor = max - 30.0 * params.temperature();
        int n = 0;
        ensureCapacity(vocab);
        for (int i = 0; i < vocab; i++) {
            float l = logits[i];
            if (l >= floor) {
                // Sort key: descending logit, ties by ascending id (deterministic).
                packed[n++] = ((long) sortableDescending(l) << 32) | i;
            }
        }
        return drawFromCandidates(n, max, invT);
    }

    /**
     * The token {@link #choose} would pick from a row whose logits are -Infinity except {@code values[j]} at
     * {@code ids[j]} for {@code j < n} (a device's top-k): the same candidates, order, probabilities and draw, in
     * O(n) instead of a pass over the vocabulary. For top-k sampling without penalties ({@link #decidingCandidates}
     * between 2 and {@code n}), where every candidate {@link #choose} could draw is among those {@code n}.
     */
    public int chooseAmong(int[] ids, float[] values, int n) {
        if (params.isGreedy() || params.topK() <= 0 || outputCounts != null) {
            throw new IllegalStateException("only top-k sampling without penalties chooses among candidates");
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, values[j]);
        }
        if (max == Float.NEGATIVE_INFINITY) {
            return -1;
        }
        ensureCapacity(n);
        double invT = 1.0 / params.temperature();
        double floor = max - 30.0 * params.temperature();
        int count = 0;
        for (int j = 0; j < n; j++) {
            float l = values[j];
            if (l >= floor) {
                packed[count++] = ((long) sortableDescending(l) << 32) | ids[j];
            }
        }
        return drawFromCandidates(count, max, invT);
    }

    /** The logit a sort key was made of. */
    private static float valueOf(long key) {
        int ascending = ~(int) (key >>> 32);
        return Float.intBitsToFloat(ascending >= 0 ? ascending : ascending ^ 0x7FFFFFFF);
    }

    /** Top-k, top-p, min-p and the draw over the first {@code n} sort keys in {@link #packed}. */
    private int drawFromCandidates(int n, float max, double invT) {
        int k = params.topK() > 0 ? Math.min(params.topK(), n) : n;
        if (k < n) {
            selectTop(packed, n, k);
            n = k;
        }
        Arrays.sort(packed, 0, n);
        double sum = 0;
        for (int j = 0; j < n; j++) {
            int id = (int) packed[j];
            candIds[j] = id;
            double p = Math.exp((valueOf(packed[j]) - max) * invT);
            candProbs[j] = p;
            sum += p;
        }
        // top-p: smallest prefix reaching topP of the mass
        if (params.topP() < 1) {
            double target = params.topP() * sum;
            double acc = 0;
            int keep = n;
            for (int j = 0; j < n; j++) {
                acc += candProbs[j];
                if (acc >= target) {
                    keep = j + 1;
                    break;
                }
            }
            n = keep;
            sum = acc >= target ? acc : sum;
        }
        // min-p: relative to the top token
        if (params.minP() > 0) {
            double cut = params.minP() * candProbs[0];
            int keep = 1;
            while (keep < n && candProbs[keep] >= cut) {
                keep++;
            }
            if (keep < n) {
                sum = 0;
                for (int j = 0; j < keep; j++) {
                    sum += candProbs[j];
                }
                n = keep;
            }
        }
        double r = random.nextDouble() * sum;
        double acc = 0;
        for (int j = 0; j < n; j++) {
            acc += candProbs[j];
            if (r < acc) {
                return candIds[j];
            }
        }
        return candIds[n - 1];
    }

    /**
     * How many of the largest logits decide the next token: 1 for greedy without penalties, k for top-k sampling
     * without penalties (the rest are never candidates), 0 when every logit counts.
     */
    public int decidingCandidates() {
        if (outputCounts != null) {
            return 0;
        }
        return params.isGreedy() ? 1 : Math.max(0, params.topK());
    }

    /** Greedy with no penalties: the caller may take the argmax of the raw logits. */
    public boolean isPlainGreedy() {
        return params.isGreedy() && outputCounts == null;
    }

    /** Plain temperature sampling: one pass, no sorting (ids in order, so draws are reproducible). */
    private int drawFromAll(float[] logits, float max, double invT) {
        double sum = 0;
        for (int i = 0; i < vocab; i++) {
            float l = logits[i];
            if (l != Float.NEGATIVE_INFINITY) {
                sum += Math.exp((l - max) * invT);
            }
        }
        double r = random.nextDouble() * sum;
        double acc = 0;
        int last = -1;
        for (int i = 0; i < vocab; i++) {
            float l = logits[i];
            if (l != Float.NEGATIVE_INFINITY) {
                acc += Math.exp((l - max) * invT);
                last = i;
                if (r < acc) {
                    return i;
                }
            }
        }
        return last;
    }

    public SamplingParams params() {
        return params;
    }

    /** Largest logit's index (lowest on ties), -1 when all are -Infinity. */
    public static int argmax(float[] logits, int length) {
        return org.medgo.inference.runtime.FastArgmax.argmax(logits, length);
    }

    private void ensureCapacity(int size) {
        Scratch s = SCRATCH.get();
        if (s.packed.length < size) {
            s.packed = new long[size];
            s.ids = new int[size];
            s.probs = new double[size];
        }
        packed = s.packed;
        candIds = s.ids;
        candProbs = s.probs;
    }

    /** Maps a float so that ascending int order is descending float order. */
    private static int sortableDescending(float f) {
        int bits = Float.floatToIntBits(f);
        int ascending = bits >= 0 ? bits : bits ^ 0x7FFFFFFF;
        return ~ascending;
    }

    /** Moves the k smallest keys to the front (quickselect), unordered. */
    private static void selectTop(long[] a, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            long pivot = a[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k - 1 <= j) {
                hi = j;
            } else if (k - 1 >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }
}
