package org.medgo.gateway.operations.jobs;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.medgo.gateway.database.DatabaseOutage;
import org.medgo.gateway.operations.OperationsProperties;
import org.medgo.gateway.operations.idempotency.IdempotencyConflictException;
import org.medgo.gateway.operations.idempotency.IdempotencyDecision;
import org.medgo.gateway.operations.idempotency.IdempotencyKey;
import org.medgo.gateway.operations.idempotency.IdempotencyPolicy;
import org.medgo.gateway.operations.idempotency.InputFingerprint;
import org.medgo.gateway.operations.idempotency.PriorCall;
import org.medgo.gateway.operations.input.OperationInput;
import org.medgo.gateway.operations.pipeline.CallMode;
import org.medgo.gateway.operations.pipeline.ClinicalAiPipeline;
import org.medgo.gateway.operations.pipeline.OperationKind;
import org.medgo.gateway.operations.pipeline.Progress;
import org.medgo.gateway.operations.pipeline.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs asynchronous operation calls ({@code Prefer: respond-async}) on a few worker threads. The input
 * is kept in the job row until the job ends, so a job interrupted by a crash runs again after the next
 * start; the Composition's unique request id makes that rerun find, not duplicate, a finished document.
 */
@Component
@ConditionalOnWebApplication // a CLI command that borrows the context must not take jobs from a serving gateway
public class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final JobStore jobs;
    private final ClinicalAiPipeline pipeline;
    private final FhirContext fhir;
    private final int workers;
    private final Semaphore wakeUp = new Semaphore(0);
    private final Set<UUID> cancelRequested = ConcurrentHashMap.newKeySet();
    private final Map<UUID, String> liveStep = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    /** Lease owner token of each job running here. */
    private final Map<UUID, String> held = new ConcurrentHashMap<>();
    private final JobLease lease;
    private volatile boolean stopping;

    JobRunner(JobStore jobs, ClinicalAiPipeline pipeline, FhirContext fhir, OperationsProperties properties, JobLease lease) {
        this.jobs = jobs;
        this.lease = lease;
        this.pipeline = pipeline;
        this.fhir = fhir;
        this.workers = properties.jobWorkers();
    }

    /**
     * Starts the workers and the lease renewer. Jobs left running by a process that died (or lost the
     * database) are not swept here: their lease lapses and a worker of any gateway process claims them.
     */
    @EventListener(ApplicationReadyEvent.class)
    public synchronized void start() {
        if (!threads.isEmpty()) return;
        for (int i = 0; i < workers; i++) {
            Thread t = Thread.ofPlatform().name("medgo-job-" + i).daemon(true).start(this::work);
            threads.add(t);
        }
        threads.add(Thread.ofPlatform().name("medgo-job-lease").daemon(true).start(this::renewLeases));
    }

    /**
     * Keeps the leases of the jobs running here; a renewal that fails (database away) lets them lapse. A
     * cancellation that another process stored is picked up here.
     */
    private void renewLeases() {
        while (!stopping) {
            try {
                Thread.sleep(lease.renewEvery());
                cancelRequested.addAll(jobs.renew(held.values()).cancelRequested());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("job leases not renewed: {}", e.toString());
            }
        }
    }

    /**
     * Queues the call; the same key and input again finds the first job, another input under it is a 409. The
     * input must have passed {@code ClinicalAiPipeline.validate} (the worker does not validate it again).
     */
    public Job submit(OperationKind kind, OperationInput input) {
        Parameters stored = new Parameters();
        stored.addParameter().setName("bundle").setResource(input.bundle());
        input.language().ifPresent(l -> stored.addParameter("language", new StringType(l)));
        if (input.requester().clientId() != null) stored.addParameter("client", new StringType(input.requester().clientId()));
        if (input.requester().userId() != null) stored.addParameter("user", new StringType(input.requester().userId()));
        String inputSha256 = InputFingerprint.of(kind.name(), input.language(), input.bundle());
        Job job = jobs.submit(IdempotencyKey.of(input.requester(), input.requestId()), inputSha256, kind.name(),
                fhir.newJsonParser().encodeResourceToString(stored));
        var earlier = new PriorCall(job.id().toString(), job.inputSha256(), Optional.empty());
        if (IdempotencyPolicy.decide(Optional.of(earlier), inputSha256) instanceof IdempotencyDecision.Conflict) {
            throw new IdempotencyConflictException();
        }
        wakeUp.release();
        return job;
    }

    public Optional<Job> find(UUID id) {
        return jobs.find(id);
    }

    /** The step of a running job as the worker sees it now (finer than the stored one). */
    public Optional<String> liveStep(UUID id) {
        return Optional.ofNullable(liveStep.get(id));
    }

    /** A job running here stops at once; one running in another process at that worker's next lease renewal. */
    public void cancel(UUID id) {
        if (!jobs.cancel(id) && held.containsKey(id)) {
            cancelRequested.add(id);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        wakeUp.release(workers);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
    }

    private void work() {
        while (!stopping) {
            try {
                Optional<JobStore.Claimed> next = jobs.claimNext();
                if (next.isEmpty()) {
                    wakeUp.tryAcquire(1, TimeUnit.SECONDS);
                    continue;
                }
                run(next.get());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the database went away or similar: do not spin
                log.warn("job worker: {}", e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Stages are stored; token-level progress stays in memory: never block the engine thread on the DB. */
    private Progress progressOf(JobStore.Claimed claim) {
        UUID id = claim.job().id();
        return new Progress() {
            @Override
            public void entered(Stage stage) {
                liveStep.put(id, stage.progress());
                jobs.step(claim, stage.progress());
            }

            @Override
            public void generated(int pieces) {
                liveStep.put(id, Progress.generating(pieces));
            }
        };
    }

    /** Not the job's fault: back in the queue now, or, while the database is still away, when its lease lapses. */
    private void requeueAfterOutage(JobStore.Claimed claimed) {
        try {
            jobs.requeue(claimed, "after a database outage");
        } catch (RuntimeException stillAway) {
            log.warn("job {} lost the database; it runs again once its lease lapses", claimed.job().id());
        }
    }

    private static String text(Parameters p, String name) {
        var param = p.getParameter(name);
        return param == null ? null : param.getValue().primitiveValue();
    }

    private void run(JobStore.Claimed claimed) {
        UUID id = claimed.job().id();
        OperationKind kind = OperationKind.valueOf(claimed.job().operation());
        held.put(id, claimed.owner());
        if (claimed.leaseExpired()) {
            log.warn("job {} queued again: its previous worker's lease lapsed (attempt {})", id, claimed.job().attempts());
        }
        try {
            Parameters stored = fhir.newJsonParser().parseResource(Parameters.class, claimed.input());
            Bundle bundle = (Bundle) stored.getParameter("bundle").getResource();
            Optional<String> language = Optional.ofNullable(stored.getParameter("language")).map(p -> p.getValue().primitiveValue());
            var who = new org.medgo.gateway.audit.Requester(text(stored, "client"), text(stored, "user"));
            OperationInput input = new OperationInput(bundle, language, claimed.job().requestId(), true, who);
            var result = pipeline.run(kind, input, CallMode.JOB, progressOf(claimed), () -> stopping || cancelRequested.contains(id));
            jobs.complete(claimed, result.compositionId());
        } catch (CancellationException e) {
            if (cancelRequested.contains(id)) {
                jobs.cancelRunning(claimed);
            } else {
                jobs.requeue(claimed, "after a shutdown");
            }
        } catch (RuntimeException e) {
            if (DatabaseOutage.causedBy(e)) {
                requeueAfterOutage(claimed);
            } else if (e instanceof BaseServerResponseException failure) {
                jobs.fail(claimed, JobFailure.of(failure));
            } else {
                String incident = UUID.randomUUID().toString();
                log.error("job {} failed, incident {}", id, incident, e);
                jobs.fail(claimed, new JobFailure(500, "internal error, incident " + incident));
            }
        } finally {
            held.remove(id);
            liveStep.remove(id);
            cancelRequested.remove(id);
        }
    }
}
