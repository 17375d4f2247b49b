package org.medgo.gateway.operations.validation;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.validation.IValidationContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.elementmodel.Manager.FhirFormat;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManagerOld;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.instance.InstanceValidator;

/**
 * HAPI's instance validator, but with the core {@link InstanceValidator}s kept and reused instead of one built per call.
 *
 * <p>Why: HAPI builds a new core validator for every validation, and its constructor parses the 1.5 MB
 * {@code oidregistry.csv} from the classpath and builds a FHIRPath engine and profile utilities; a JFR profile put
 * that at about a third of a record's validation. The core validator is made to be run more than once (every
 * {@code validate} clears its per-run state and gets a new execution id), but it also keeps a few lists that only
 * grow (codings seen, code/text pairs for an AI check we do not use, narratives' id maps), holding parts of earlier
 * records; so each one is dropped and rebuilt after {@link #USES} runs, which bounds both its memory and how long it
 * holds any record.
 *
 * <p>One validator per core at a time ({@code size}); a call waits for a free one in arrival order. Settings and the
 * messages' post-processing are those of HAPI's {@code ValidatorWrapper}: unknown profiles are warnings when
 * {@link #isErrorForUnknownProfiles()} is off, and the mime-type value set HAPI does not ship is not reported.
 */
final class ReusingInstanceValidator extends FhirInstanceValidator {

    /** Runs per core validator before it is rebuilt. */
    static final int USES = 16;

    private record Pooled(InstanceValidator validator, int uses) {}

    private final BlockingQueue<Pooled> idle;

    ReusingInstanceValidator(IValidationSupport support, int size) {
        super(support);
        this.idle = new ArrayBlockingQueue<>(size, true);
        for (int i = 0; i < size; i++) {
            idle.add(new Pooled(null, USES)); // built on first use, once the settings are final
        }
    }

    @Override
    protected List<ValidationMessage> validate(IValidationContext<?> context) {
        Pooled pooled;
        try {
            pooled = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting to validate");
        }
        Pooled back = pooled;
        try {
            InstanceValidator validator = pooled.uses() >= USES ? build(provideWorkerContext()) : pooled.validator();
            back = new Pooled(validator, pooled.uses() >= USES ? 1 : pooled.uses() + 1);
            List<ValidationMessage> messages = run(validator, context);
            validator.validatedContent = null; // the parsed record, not needed once the messages are out
            return messages;
        } finally {
            idle.add(back);
        }
    }

    private List<ValidationMessage> run(InstanceValidator validator, IValidationContext<?> context) {
        List<ValidationMessage> messages = new ArrayList<>();
        IWorkerContext worker = provideWorkerContext();
        List<StructureDefinition> profiles = new ArrayList<>();
        for (String url : context.getOptions().getProfiles()) {
            StructureDefinition profile = worker.fetchResource(StructureDefinition.class, url);
            if (profile != null) {
                profiles.add(profile);
            } // else the validator itself reports the profile as unknown
        }
        FhirFormat format = context.getResourceAsStringEncoding() == EncodingEnum.XML ? FhirFormat.XML : FhirFormat.JSON;
        byte[] body = context.getResourceAsString().getBytes(StandardCharsets.UTF_8);
        validator.validate(context.getOptions().getAppContext(), messages, new ByteArrayInputStream(body), format, profiles);
        messages.removeIf(ReusingInstanceValidator::isUnshippedMimeTypes);
        if (!isErrorForUnknownProfiles()) {
            messages.stream().filter(ReusingInstanceValidator::isUnknownProfile)
                    .filter(m -> m.getLevel() == ValidationMessage.IssueSeverity.ERROR)
                    .forEach(m -> m.setLevel(ValidationMessage.IssueSeverity.WARNING));
        }
        return messages;
    }

    private InstanceValidator build(IWorkerContext worker) {
        InstanceValidator v = new InstanceValidator(worker,
                Objects.requireNonNullElseGet(getHostApplicationServices(), NullEvaluationContext::new),
                new XVerExtensionManagerOld(worker), new ValidatorSession(), new ValidatorSettings());
        v.setAssumeValidRestReferences(isAssumeValidRestReferences());
        v.setBestPracticeWarningLevel(getBestPracticeWarningLevel());
        v.setAnyExtensionsAllowed(isAnyExtensionsAllowed());
        v.setResourceIdRule(IdStatus.OPTIONAL);
        v.setNoTerminologyChecks(isNoTerminologyChecks());
        v.setErrorForUnknownProfiles(isErrorForUnknownProfiles());
        v.setUnknownCodeSystemsCauseErrors(true);
        v.getExtensionDomains().addAll(getExtensionDomains());
        v.setFetcher(getValidatorResourceFetcher());
        v.setPolicyAdvisor(getValidatorPolicyAdvisor());
        v.setNoExtensibleWarnings(isNoExtensibleWarnings());
        v.setNoBindingMsgSuppressed(isNoBindingMsgSuppressed());
        v.setAllowExamples(isAllowExamples());
        v.setAllowXsiLocation(true);
        return v;
    }

    private static boolean isUnshippedMimeTypes(ValidationMessage m) {
        String id = m.getMessageId();
        return ("Terminology_TX_Binding_NoSource".equals(id) || "Terminology_TX_ValueSet_NotFound".equals(id))
                && m.getMessage() != null && m.getMessage().contains("http://hl7.org/fhir/ValueSet/mimetypes");
    }

    private static boolean isUnknownProfile(ValidationMessage m) {
        return "Validation_VAL_Profile_Unknown".equals(m.getMessageId())
                || "VALIDATION_VAL_PROFILE_UNKNOWN_NOT_POLICY".equals(m.getMessageId());
    }
}
