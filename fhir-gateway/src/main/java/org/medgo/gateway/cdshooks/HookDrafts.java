package org.medgo.gateway.cdshooks;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Resource;
import org.medgo.gateway.audit.Requester;
import org.medgo.gateway.ehr.EhrClient;
import org.medgo.gateway.ehr.EhrConnection;
import org.medgo.gateway.ehr.pull.PullOperationsProvider;
import org.medgo.gateway.operations.composition.CompositionStore;
import org.medgo.gateway.operations.input.OperationInput;
import org.medgo.gateway.operations.jobs.JobRunner;
import org.medgo.gateway.operations.pipeline.ClinicalAiPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Finds the draft a hook is about, or starts one without making the hook wait: from the prefetched record
 * (an asynchronous job), else by reading the EMR in the background — with the hook's
 * {@code fhirAuthorization} when its {@code fhirServer} is one the gateway trusts, else with the gateway's
 * own EMR connection. One request id per hook instance, so a repeated hook never makes two drafts.
 */
@Component
class HookDrafts implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(HookDrafts.class);

    enum Start { EXISTING, STARTED, BUSY, NO_SOURCE }

    record Outcome(Start start, Optional<String> compositionId) {}

    private final CompositionStore store;
    private final JobRunner jobs;
    private final PullOperationsProvider pull;
    private final EhrConnection ehr;
    private final CdsHooksProperties properties;
    private final FhirContext fhir;
    private final ClinicalAiPipeline pipeline;
    /** How long a started draft keeps later hooks for the same encounter from starting another. */
    private static final java.time.Duration RECENT = java.time.Duration.ofMinutes(15);
    private final java.util.Map<String, Instant> started = new java.util.concurrent.ConcurrentHashMap<>();
    private final ThreadPoolExecutor background = new ThreadPoolExecutor(1, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16));

    HookDrafts(CompositionStore store, JobRunner jobs, PullOperationsProvider pull, EhrConnection ehr,
            CdsHooksProperties properties, FhirContext fhir, ClinicalAiPipeline pipeline) {
        this.store = store;
        this.jobs = jobs;
        this.pull = pull;
        this.ehr = ehr;
        this.properties = properties;
        this.fhir = fhir;
        this.pipeline = pipeline;
    }

    Outcome findOrStart(CdsService service, String patientId, String encounterId, JsonNode request, Requester requester) {
        List<Composition> drafts = store.search(new CompositionStore.Query("Patient/" + patientId, "Encounter/" + encounterId,
                null, null, null, null, null, null), new org.medgo.gateway.fhir.SearchPage(0, 20), "date DESC, id");
        Optional<String> existing = drafts.stream()
                .filter(c -> c.getStatus() != Composition.CompositionStatus.ENTEREDINERROR)
                .filter(c -> service.generates(c.getType().getCodingFirstRep().getCode()))
                .map(c -> c.getIdElement().getIdPart()).findFirst();
        if (existing.isPresent()) {
            return new Outcome(Start.EXISTING, existing);
        }
        String requestId = "cds-" + request.path("hookInstance").asText();
        String key = service.id() + " " + patientId + " " + encounterId;
        Instant now = Instant.now();
        started.values().removeIf(t -> t.isBefore(now.minus(RECENT)));
        if (started.putIfAbsent(key, now) != null) {
            // an earlier hook for this encounter is drafting already: one draft, not one per hook call
            return new Outcome(Start.STARTED, Optional.empty());
        }
        Optional<OperationInput> prefetched = prefetched(request.path("prefetch"), request.path("fhirServer").asText(""),
                patientId, encounterId).map(b -> new OperationInput(b, Optional.empty(), requestId, true, requester));
        if (prefetched.isPresent() && usable(service, prefetched.get())) {
            try {
                jobs.submit(service.kind(), prefetched.get());
                return new Outcome(Start.STARTED, Optional.empty());
            } catch (ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException e) {
                // this client sent the hookInstance before with another record: the first one is drafting
                return new Outcome(Start.STARTED, Optional.empty());
            }
        }
        Optional<EhrClient> source = source(request);
        if (source.isEmpty()) {
            started.remove(key);
            return new Outcome(Start.NO_SOURCE, Optional.empty());
        }
        try {
            background.execute(() -> {
                try {
                    pull.pullAndRun(source.get(), service.kind(), encounterId, Optional.empty(), requestId, true, requester, true);
                } catch (RuntimeException e) {
                    log.warn("CDS hook {}: drafting from the EMR failed: {}", requestId, e.getClass().getSimpleName());
                }
            });
            return new Outcome(Start.STARTED, Optional.empty());
        } catch (RejectedExecutionException e) {
            started.remove(key);
            return new Outcome(Start.BUSY, Optional.empty());
        }
    }

    /**
     * Validated like any asynchronous call before its job is stored; an unusable prefetch is not refused but
     * replaced by a read of the EMR (the hook must still answer with a card).
     */
    private boolean usable(CdsService service, OperationInput input) {
        try {
            pipeline.validate(service.kind(), input);
            return true;
        } catch (ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException e) {
            log.info("CDS hook {}: the prefetched record is not usable ({}); reading the EMR instead", input.requestId(),
                    e.getStatusCode());
            return false;
        }
    }

    /**
     * The prefetched resources as a record Bundle, if the client sent at least the Patient and the Encounter,
     * and they are the context's: a draft is never made for another patient than the card names.
     */
    private Optional<Bundle> prefetched(JsonNode prefetch, String fhirServer, String patientId, String encounterId) {
        String base = fhirServer.replaceAll("/+$", "");
        if (!prefetch.path("patient").isObject() || !prefetch.path("encounter").isObject()
                || !patientId.equals(prefetch.path("patient").path("id").asText())
                || !encounterId.equals(prefetch.path("encounter").path("id").asText())) {
            return Optional.empty();
        }
        Bundle record = new Bundle().setType(Bundle.BundleType.COLLECTION);
        var parser = fhir.newJsonParser();
        prefetch.fields().forEachRemaining(field -> {
            if (!field.getValue().isObject()) {
                return; // a prefetch the client could not fill is null
            }
            Resource r = (Resource) parser.parseResource(field.getValue().toString());
            if (r instanceof Bundle b) {
                b.getEntry().stream().filter(e -> e.getResource() != null && !(e.getResource() instanceof org.hl7.fhir.r4.model.OperationOutcome))
                        .forEach(e -> add(record, e.getResource(), base));
            } else {
                add(record, r, base);
            }
        });
        return Optional.of(record);
    }

    /** fullUrl = where the resource lives (the hook's fhirServer), else a urn:uuid: a record Bundle needs one. */
    private static void add(Bundle record, Resource r, String base) {
        String ref = r.fhirType() + "/" + r.getIdElement().getIdPart();
        record.addEntry().setFullUrl(base.startsWith("http") && r.getIdElement().hasIdPart() ? base + "/" + ref
                : "urn:uuid:" + java.util.UUID.randomUUID()).setResource(r);
    }

    private Optional<EhrClient> source(JsonNode request) {
        String fhirServer = request.path("fhirServer").asText("");
        String token = request.path("fhirAuthorization").path("access_token").asText("");
        if (!fhirServer.isEmpty() && !token.isEmpty()) {
            String server = fhirServer.replaceAll("/+$", "");
            boolean trusted = properties.fhirServers().stream().anyMatch(s -> s.replaceAll("/+$", "").equals(server))
                    || ehr.base().filter(server::equals).isPresent();
            if (trusted) {
                return Optional.of(ehr.withToken(server, token));
            }
        }
        return ehr.client();
    }

    @Override
    public void destroy() {
        background.shutdownNow();
    }
}
