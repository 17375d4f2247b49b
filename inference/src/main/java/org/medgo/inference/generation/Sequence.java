package org.medgo.inference.generation;

import org.medgo.inference.chat.ReasoningSplit;
import org.medgo.inference.constrained.TokenConstraint;
import org.medgo.inference.sampling.TokenSampler;
import org.medgo.inference.tokenizer.BundleTokenizer;
import org.medgo.inference.tokenizer.StreamingDetokenizer;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** One request's state inside the scheduler (engine thread only, except the handle). */
final class Sequence {
    final GenerationHandle handle;
    final int[] prompt;
    final int maxNew;
    final TokenSampler sampler;
    final TokenConstraint constraint;
    private final Set<Integer> stopIds;
    private final List<String> stopStrings;
    private final int holdBack;
    private final StreamingDetokenizer detok;
    private final TokenListener listener;
    private final StringBuilder text = new StringBuilder();
    private int emitted;
    private int[] generated = new int[16];
    private int generatedCount;
    /** KV slot held (scheduler bookkeeping). */
    int slot = -1;
    /** Tokens whose keys/values are in the cache. */
    int cached;
    /** The token to feed at the next decode step. */
    final int[] next = new int[1];
    FinishReason finish;
    private boolean stoppedByString;
    private final long submitted = System.nanoTime();
    private long firstToken;

    Sequence(GenerationHandle handle, int[] prompt, int maxNew, TokenSampler sampler, TokenConstraint constraint,
             Set<Integer> stopIds, List<String> stopStrings, BundleTokenizer tokenizer, TokenListener listener) {
        this.handle = handle;
        this.prompt = prompt;
        this.maxNew = maxNew;
        this.sampler = sampler;
        this.constraint = constraint;
        this.stopIds = stopIds;
        this.stopStrings = stopStrings;
        this.holdBack = stopStrings.stream().mapToInt(String::length).max().orElse(1) - 1;
        this.detok = new StreamingDetokenizer(tokenizer);
        this.listener = listener;
        sampler.observePrompt(prompt, prompt.length);
    }

    int generatedCount() {
        return generatedCount;
    }

    /** Tokens left in this request's budget. */
    int budget() {
        return maxNew - generatedCount;
    }

    /** Records a sampled token; sets {@link #finish} when generation is over. */
    void accept(int token) {
        if (token < 0) { // nothing was allowed (a constraint with no way on): end here
            finish = FinishReason.STOP;
            text.append(detok.flush());
            emit(text.length());
            return;
        }
        if (generatedCount == generated.length) {
            generated = Arrays.copyOf(generated, generated.length * 2);
        }
        generated[generatedCount++] = token;
        if (generatedCount == 1) {
            firstToken = System.nanoTime() - submitted;
        }
        sampler.observeOutput(token);
        if (stopIds.contains(token)) {
            finish = FinishReason.STOP;
        } else {
            if (constraint != null) {
                constraint.accept(token);
            }
            int before = text.length();
            text.append(detok.push(token));
            if (!stopStrings.isEmpty() && text.length() > before) {
                int from = Math.max(0, before - holdBack);
                for (String s : stopStrings) {
                    int at = text.indexOf(s, from);
                    if (at >= 0) {
                        text.setLength(at);
                        finish = FinishReason.STOP;
                        stoppedByString = true;
                    }
                }
            }
            if (finish == null && generatedCount >= maxNew) {
                finish = FinishReason.LENGTH;
            }
            next[0] = token;
        }
        if (finish != null) {
            if (!stoppedByString) {
                text.append(detok.flush()); // an unfinished character at the end becomes U+FFFD
            }
            emit(text.length());
        } else {
            emit(Math.max(emitted, text.length() - holdBack));
        }
    }

    private void emit(int upTo) {
        if (upTo > emitted) {
            String delta = text.substring(emitted, upTo);
            emitted = upTo;
            try {
                listener.onText(delta);
            } catch (RuntimeException e) {
                // A failing listener must not take the engine down; stop this request instead.
                handle.cancel();
            }
        }
    }

    GenerationResult result() {
        String raw = text.toString();
        ReasoningSplit split = ReasoningSplit.of(raw);
        return new GenerationResult(split.content(), split.reasoning(), raw, finish, prompt.length, generatedCount,
                Arrays.copyOf(generated, generatedCount), firstToken, System.nanoTime() - submitted);
    }
}
