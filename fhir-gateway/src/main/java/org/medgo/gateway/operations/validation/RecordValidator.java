package org.medgo.gateway.operations.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.medgo.gateway.fhir.FhirProperties;
import org.medgo.gateway.operations.conformance.GatewayConformance;
import org.springframework.stereotype.Component;

/**
 * FHIR R4 validation (HAPI instance validator: R4 core structure definitions and terminology shipped with
 * HAPI, plus the IG packages of {@code MEDGO_FHIR_IG_DIR}). The support chain and the validator are built once,
 * at start, and reused: the chain caches what it builds (snapshots, expansions), so only the first validation
 * pays for loading. Unknown profiles are warnings; {@link InputIssuePolicy} decides which errors refuse a record.
 */
@Component
public class RecordValidator {

    private final FhirContext fhir;
    private final FhirValidator validator;

    RecordValidator(FhirContext fhir, FhirProperties properties) {
        this.fhir = fhir;
        PrePopulatedValidationSupport gateway = new PrePopulatedValidationSupport(fhir);
        gateway.addCodeSystem(GatewayConformance.aiTransparencyFragment());
        GatewayConformance.extensions().forEach(gateway::addStructureDefinition);
        ValidationSupportChain chain = new ValidationSupportChain(
                gateway,
                new DefaultProfileValidationSupport(fhir),
                IgPackages.load(fhir, properties.igDir()),
                new CommonCodeSystemsTerminologyService(fhir),
                new InMemoryTerminologyServerValidationSupport(fhir),
                new SnapshotGeneratingValidationSupport(fhir));
        // Validation is pure CPU work: one at a time per core, in arrival order, so a burst of calls gets through
        // sooner (24 at once on 2 cores all finish after ~12 validations' time; in order, half are done within ~6)
        // and does not hold 24 parsed copies in memory at once.
        FhirInstanceValidator instanceValidator = new ReusingInstanceValidator(chain, Math.max(1, Runtime.getRuntime().availableProcessors()));
        instanceValidator.setAnyExtensionsAllowed(true);
        // a profile the gateway does not have is the hospital's business, not a reason to refuse its record
        instanceValidator.setErrorForUnknownProfiles(false);
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
            // what the first real record would load otherwise: the BCP-47 registry (language), UCUM, the
            // common code systems, bundle reference resolution, XHTML narrative and the gateway's extensions
            validator.validateWithResult(ValidatorWarmUp.record());
        }, "validator-warm-up", 64L << 20);
        t.setDaemon(true);
        t.start();
    }

    /** The findings that refuse the resource (empty when it is accepted). */
    public List<SingleValidationMessage> errors(IBaseResource resource) {
        return refusing(validator.validateWithResult(resource));
    }

    /**
     * As {@link #errors(IBaseResource)} for the resource already encoded as FHIR JSON: the validator reads the text
     * and never touches the parsed resource, so another thread may work on that meanwhile.
     */
    public List<SingleValidationMessage> errorsOfJson(String json) {
        return refusing(validator.validateWithResult(json));
    }

    private static List<SingleValidationMessage> refusing(ValidationResult result) {
        return result.getMessages().stream().filter(m -> verdict(m).refuses()).toList();
    }

    /**
     * Throws 422 with an OperationOutcome: per refusing finding its location ({@code expression}), the
     * validator's message and what to change (no values of the record).
     */
    public void requireValid(IBaseResource resource) {
        refuseWith(errors(resource));
    }

    /** As {@link #requireValid(IBaseResource)} for the resource encoded as FHIR JSON ({@link #errorsOfJson}). */
    public void requireValidJson(String json) {
        refuseWith(errorsOfJson(json));
    }

    private void refuseWith(List<SingleValidationMessage> errors) {
        if (errors.isEmpty()) {
            return;
        }
        OperationOutcome outcome = new OperationOutcome();
        errors.stream().limit(50).forEach(m -> outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.PROCESSING)
                .setDiagnostics(m.getMessage() + " — to fix: " + verdict(m).fix())
                .addExpression(m.getLocationString()));
        throw new UnprocessableEntityException(fhir, outcome);
    }

    private static InputIssuePolicy.Verdict verdict(SingleValidationMessage m) {
        return InputIssuePolicy.judge(new InputIssuePolicy.Finding(m.getSeverity(), m.getMessageId(), m.getMessage(), m.getLocationString()));
    }
}
