package org.medgo.gateway.operations.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.stereotype.Component;

/**
 * FHIR R4 core validation (HAPI instance validator, structure definitions and terminology shipped with
 * HAPI; the chain caches lookups, with Caffeine on the classpath). The support chain is built once, at start, because the first validation loads the whole
 * R4 core package. Only errors refuse input; warnings (e.g. codes outside the shipped value sets) pass.
 */
@Component
public class RecordValidator {

    /**
     * AIAST (AI Transparency on FHIR) is in THO's v3-ObservationValue since after the R4 terminology HAPI
     * ships, which therefore calls it unknown; it is the one code we accept despite that.
     */
    static final String AIAST_UNKNOWN = "v3-ObservationValue#AIAST'";

    private final FhirContext fhir;
    private final FhirValidator validator;

    RecordValidator(FhirContext fhir) {
        this.fhir = fhir;
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(fhir),
                new CommonCodeSystemsTerminologyService(fhir),
                new InMemoryTerminologyServerValidationSupport(fhir),
                new SnapshotGeneratingValidationSupport(fhir));
        FhirInstanceValidator instanceValidator = new FhirInstanceValidator(chain);
        instanceValidator.setAnyExtensionsAllowed(true);
        this.validator = fhir.newValidator().registerValidatorModule(instanceValidator);
    }

    /**
     * Loads the R4 core package right after start (about 10 s) rather than in the first request, off the
     * main thread, on a thread with a large stack: loading it on the main thread during start ended in a
     * SIGSEGV of the whole JVM when the gateway ran as a child process of the tests (see README).
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    public void warmUp() {
        Thread t = new Thread(null, () -> {
            validator.validateWithResult(new org.hl7.fhir.r4.model.Patient());
            validator.validateWithResult(new org.hl7.fhir.r4.model.Bundle().setType(org.hl7.fhir.r4.model.Bundle.BundleType.COLLECTION));
        }, "validator-warm-up", 64L << 20);
        t.setDaemon(true);
        t.start();
    }

    /** The error messages (empty when valid). */
    public List<SingleValidationMessage> errors(IBaseResource resource) {
        ValidationResult result = validator.validateWithResult(resource);
        return result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .filter(m -> m.getMessage() == null || !m.getMessage().contains(AIAST_UNKNOWN))
                .toList();
    }

    /** Throws 422 with an OperationOutcome listing the errors (locations and messages, no values). */
    public void requireValid(IBaseResource resource) {
        List<SingleValidationMessage> errors = errors(resource);
        if (errors.isEmpty()) {
            return;
        }
        OperationOutcome outcome = new OperationOutcome();
        errors.stream().limit(50).forEach(m -> outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.PROCESSING)
                .setDiagnostics(m.getMessage())
                .addExpression(m.getLocationString()));
        throw new UnprocessableEntityException(fhir, outcome);
    }
}
