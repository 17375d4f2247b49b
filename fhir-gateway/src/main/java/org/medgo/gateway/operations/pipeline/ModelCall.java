package org.medgo.gateway.operations.pipeline;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.medgo.gateway.operations.OperationsProperties;
import org.medgo.gateway.operations.model.GenerationQueue;
import org.medgo.gateway.operations.model.InferenceQueueFullException;
import org.medgo.inference.generation.ContextLengthException;
import org.medgo.inference.generation.GenerationRequest;
import org.medgo.inference.generation.GenerationResult;
import org.medgo.inference.generation.Prompt;
import org.medgo.inference.generation.TokenListener;
import org.medgo.inference.sampling.SamplingParams;
import org.springframework.stereotype.Component;

/** One request to the model through its bounded queue, with the queue's refusals as HTTP answers. */
@Component
class ModelCall {

    private final GenerationQueue queue;
    private final OperationsProperties properties;
    private final SharedGenerations shared = new SharedGenerations();

    ModelCall(GenerationQueue queue, OperationsProperties properties) {
        this.queue = queue;
        this.properties = properties;
    }

    /** Greedy decoding constrained to the template's JSON schema, made for this record (its citation keys only). */
    GenerationRequest request(ModelView view) {
        return GenerationRequest.of(Prompt.chat(view.template().messages(view.record()), false), SamplingParams.greedy(),
                        properties.maxNewTokens())
                .withJsonSchema(view.template().jsonSchemaFor(view.keyed()));
    }

    /**
     * Generates for {@code run.view}, leaving {@code run.view}, {@code run.request} and {@code run.result} as the model
     * saw and answered them. A record too long for the model's context is shortened ({@link ModelView#fittedTo}) and
     * tried again: a long encounter gets a draft from its most recent facts, saying what was left out, not a refusal.
     */
    void generateFitting(PipelineRun run, CallMode mode, Progress progress, BooleanSupplier cancelled) {
        for (int attempt = 1; ; attempt++) {
            run.request = run.times.time(StepTimes.Step.DEIDENTIFY, () -> request(run.view));
            try {
                run.result = generate(run.request, mode, progress, cancelled);
                return;
            } catch (ContextLengthException e) {
                int chars = run.view.keyed().text().length();
                int target = fitTarget(chars, promptChars(run.view), e);
                if (attempt == FIT_ATTEMPTS || target <= 0 || target >= chars) {
                    throw new UnprocessableEntityException("the record is too long for the model: " + e.getMessage());
                }
                run.view = run.view.fittedTo(target);
            }
        }
    }

    private static final int FIT_ATTEMPTS = 4;

    /** Record characters to keep: the excess tokens at the prompt's own characters per token, with 10 % to spare. */
    static int fitTarget(int recordChars, int promptChars, ContextLengthException e) {
        if (e.promptTokens() <= 0 || e.maxPromptTokens() <= 0) {
            return (int) (recordChars * 0.6); // the model's server did not say by how much
        }
        double charsPerToken = (double) promptChars / e.promptTokens();
        int excessChars = (int) Math.ceil((e.promptTokens() - e.maxPromptTokens()) * charsPerToken * 1.1) + 64;
        return recordChars - excessChars;
    }

    private static int promptChars(ModelView view) {
        return view.template().messages(view.record()).stream().mapToInt(m -> m.content().length()).sum();
    }

    private GenerationResult generate(GenerationRequest request, CallMode mode, Progress progress, BooleanSupplier cancelled) {
        TokenListener listener = new PieceCounter(progress);
        try {
            // identical concurrent requests share one run (greedy decoding: the same request, the same output)
            long maxWait = mode == CallMode.SYNCHRONOUS ? properties.syncTimeout().toMillis() : Long.MAX_VALUE / 2_000_000;
            return shared.run(request, cancelled, maxWait, () -> switch (mode) {
                case JOB -> queue.generateWhenFree(request, listener, cancelled);
                case SYNCHRONOUS -> queue.generateOrRefuse(request, properties.syncTimeout().toMillis(), listener);
            });
        } catch (InferenceQueueFullException e) {
            throw new ServiceUnavailableException("the model is busy; retry later or send Prefer: respond-async", properties.retryAfterSeconds());
        } catch (TimeoutException e) {
            throw new ServiceUnavailableException("the model did not answer within " + properties.syncTimeout().toSeconds()
                    + " s; send Prefer: respond-async for long records", properties.retryAfterSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }

    /** Reports every 16th piece of generated text; one per request, called from the engine's thread only. */
    private static final class PieceCounter implements TokenListener {
        private final Progress progress;
        private int pieces;

        PieceCounter(Progress progress) {
            this.progress = progress;
        }

        @Override
        public void onText(String delta) {
            if (++pieces % 16 == 0) {
                progress.generated(pieces);
            }
        }
    }
}
