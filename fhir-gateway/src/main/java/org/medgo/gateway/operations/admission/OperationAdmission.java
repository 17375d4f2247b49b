package org.medgo.gateway.operations.admission;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.medgo.gateway.operations.OperationsProperties;
import org.medgo.gateway.operations.model.InferenceQueue;
import org.medgo.gateway.operations.pipeline.ServiceUnavailableException;
import org.springframework.stereotype.Component;

/**
 * Admission control at the door: a synchronous {@code $summarize}/{@code $differential} that could not get a
 * place in front of the model is refused with 503 + Retry-After before its body is read, so a refusal costs
 * no validation, de-identification, vault entry or pipeline audit events (only the REST audit record every
 * FHIR interaction gets). Admitted synchronous calls are counted from the door to the response, so a burst
 * cannot admit more than the queue holds while the first ones are still being de-identified.
 * Asynchronous calls ({@code Prefer: respond-async}) are always accepted into the job table.
 */
@Component
@Interceptor
public class OperationAdmission {

    private static final Set<String> MODEL_OPERATIONS = Set.of("$summarize", "$differential");
    private static final String ADMITTED = OperationAdmission.class.getName() + ".admitted";

    private final InferenceQueue queue;
    private final int retryAfterSeconds;
    private final AtomicInteger admitted = new AtomicInteger();

    OperationAdmission(InferenceQueue queue, OperationsProperties properties) {
        this.queue = queue;
        this.retryAfterSeconds = properties.retryAfterSeconds();
    }

    /** After authentication and scope checks (order), before the operation reads its body. */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = 1000)
    public void admit(RequestDetails request) {
        String operation = request.getOperation(); // null for reads and searches (Set.of refuses null lookups)
        if (operation == null || !MODEL_OPERATIONS.contains(operation) || prefersAsync(request)) {
            return;
        }
        int capacity = queue.capacity();
        if (admitted.incrementAndGet() > capacity || queue.inUse() >= capacity) {
            admitted.decrementAndGet();
            throw new ServiceUnavailableException("the model is busy (" + capacity + " calls in progress); retry later",
                    retryAfterSeconds);
        }
        request.getUserData().put(ADMITTED, Boolean.TRUE);
    }

    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
    public void completed(RequestDetails request) {
        if (request.getUserData().remove(ADMITTED) != null) {
            admitted.decrementAndGet();
        }
    }

    /** Synchronous calls admitted and not yet answered. */
    public int admitted() {
        return admitted.get();
    }

    private static boolean prefersAsync(RequestDetails request) {
        return request.getHeaders("Prefer").stream().anyMatch(p -> p.toLowerCase(Locale.ROOT).contains("respond-async"));
    }
}
