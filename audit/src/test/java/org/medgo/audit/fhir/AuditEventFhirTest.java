package org.medgo.audit.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medgo.audit.chain.AuditTrail;
import org.medgo.audit.testing.AuditDatabase;
import org.medgo.audit.testing.Records;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Stored records come back as valid FHIR R4 AuditEvents in BALP shape, and search filters them. */
class AuditEventFhirTest {
    static final FhirContext FHIR = FhirContext.forR4Cached();
    static AuditDatabase db;
    static AuditQuery query;

    @BeforeAll
    static void record() {
        db = AuditDatabase.fresh();
        AuditTrail trail = new AuditTrail(db.app);
        trail.record(Records.read("Patient/p1", 1));
        trail.record(Records.deidentify("Patient/p1"));
        trail.record(Records.modelRun("Patient/p1"));
        trail.record(Records.review("Patient/p1"));
        trail.record(Records.denied());
        trail.record(Records.read("Patient/p2", 2));
        query = new AuditQuery(db.app);
    }

    @Test
    void everyEventParsesAndValidatesAsR4() {
        FhirValidator validator = FHIR.newValidator();
        var support = new ValidationSupportChain(new ca.uhn.fhir.context.support.DefaultProfileValidationSupport(FHIR),
                new InMemoryTerminologyServerValidationSupport(FHIR), new CommonCodeSystemsTerminologyService(FHIR));
        validator.registerValidatorModule(new FhirInstanceValidator(support));
        List<AuditEvent> all = query.search(AuditSearch.all(100));
        assertThat(all).hasSize(6);
        for (AuditEvent e : all) {
            String json = FHIR.newJsonParser().encodeResourceToString(e);
            AuditEvent parsed = FHIR.newJsonParser().parseResource(AuditEvent.class, json);
            ValidationResult result = validator.validateWithResult(parsed);
            assertThat(result.getMessages().stream()
                    .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()).toList())
                    .as(json).isEmpty();
        }
    }

    @Test
    void restEventHasBalpAgentsAndEntities() {
        AuditEvent e = query.search(new AuditSearch("Patient/p2", null, null, null, null, null, 10)).getFirst();
        assertThat(e.getType().getCode()).isEqualTo("rest");
        assertThat(e.getSubtypeFirstRep().getCode()).isEqualTo("read");
        assertThat(e.getAgent()).extracting(a -> a.getType().getCodingFirstRep().getCode()).contains("110150", "IRCP", "110152");
        assertThat(e.getEntity()).extracting(x -> x.getWhat().getReference()).contains("Patient/p2", "Encounter/e2");
        assertThat(e.getEntity()).anyMatch(x -> "req-2".equals(x.getWhat().getIdentifier().getValue()));
    }

    @Test
    void modelRunCarriesHashesAndCountsButNoText() {
        AuditEvent e = query.search(new AuditSearch(null, null, null, "model-run", null, null, 10)).getFirst();
        String json = FHIR.newJsonParser().encodeResourceToString(e);
        assertThat(json).contains("prompt_sha256", "output_sha256", "prompt_tokens", "summarize-en/1", "bundle_sha256");
    }

    @Test
    void searchFiltersByPatientTypeSubtypeAgentAndDate() {
        assertThat(query.search(new AuditSearch("Patient/p1", null, null, null, null, null, 100))).hasSize(4);
        assertThat(query.search(new AuditSearch(null, null, null, "review", null, null, 100))).hasSize(1);
        assertThat(query.search(new AuditSearch(null, null, null, null, "read", null, 100))).hasSize(3);
        assertThat(query.search(new AuditSearch(null, null, null, null, null, "Practitioner/dr-1", 100))).hasSize(2);
        Instant now = Instant.now();
        assertThat(query.search(new AuditSearch(null, now.minus(1, ChronoUnit.HOURS), now.plusSeconds(60), null, null, null, 100)))
                .hasSize(6);
        assertThat(query.search(new AuditSearch(null, now.plus(1, ChronoUnit.HOURS), null, null, null, null, 100))).isEmpty();
        assertThat(query.read(3)).get().extracting(a -> a.getType().getCode()).isEqualTo("model-run");
        assertThat(query.read(999)).isEmpty();
    }
}
