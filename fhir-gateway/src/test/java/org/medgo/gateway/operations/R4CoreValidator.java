package org.medgo.gateway.operations;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.medgo.gateway.operations.conformance.GatewayConformance;

/**
 * HAPI's instance validator with R4 core, as a client would check what the gateway returns; plus THO's
 * definition of the one AI Transparency code R4's terminology predates ({@code AIAST}), and the gateway's
 * extension definitions and code systems, so unknown extensions are errors here.
 */
public final class R4CoreValidator {

    private R4CoreValidator() {}

    /** With the gateway's definitions as this build has them (no server needed). */
    public static FhirValidator create() {
        PrePopulatedValidationSupport published = new PrePopulatedValidationSupport(FhirHttp.FHIR);
        GatewayConformance.extensions().forEach(published::addStructureDefinition);
        GatewayConformance.codeSystems().forEach(published::addCodeSystem);
        return create(published);
    }

    /**
     * With only what the running gateway serves at {@code /fhir/StructureDefinition} and {@code /fhir/CodeSystem}
     * (one page each, as a validator that resolves definitions from the server would fetch them): a document that
     * validates with this one is resolvable by a client that knows nothing of the gateway's sources.
     */
    public static FhirValidator servedBy(FhirHttp http) throws Exception {
        PrePopulatedValidationSupport published = new PrePopulatedValidationSupport(FhirHttp.FHIR);
        for (String type : List.of("StructureDefinition", "CodeSystem")) {
            HttpResponse<String> r = http.get(type + "?_count=200");
            if (r.statusCode() != 200) {
                throw new IllegalStateException(type + " search answered " + r.statusCode());
            }
            Bundle page = FhirHttp.parse(Bundle.class, r);
            if (page.getTotal() > page.getEntry().size()) {
                throw new IllegalStateException(type + ": more definitions than one page");
            }
            page.getEntry().forEach(e -> published.addResource(e.getResource()));
        }
        return create(published);
    }

    /** The ERROR and FATAL findings, as {@code location message}. */
    public static List<String> errors(FhirValidator validator, org.hl7.fhir.instance.model.api.IBaseResource resource) {
        return validator.validateWithResult(resource).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(m -> m.getLocationString() + " " + m.getMessage()).toList();
    }

    private static FhirValidator create(PrePopulatedValidationSupport published) {
        var fhir = FhirHttp.FHIR;
        published.addCodeSystem(GatewayConformance.aiTransparencyFragment());
        FhirInstanceValidator module = new FhirInstanceValidator(new ValidationSupportChain(published,
                new DefaultProfileValidationSupport(fhir), new CommonCodeSystemsTerminologyService(fhir),
                new InMemoryTerminologyServerValidationSupport(fhir), new SnapshotGeneratingValidationSupport(fhir)));
        // the received Synthea resources claim US Core, which a plain R4 client does not have
        module.setErrorForUnknownProfiles(false);
        module.setAnyExtensionsAllowed(false);
        // the EMR's own extensions (US Core, Synthea) on the received resources are its IG's business; ours must resolve
        module.setCustomExtensionDomains("http://hl7.org/fhir/us/core/", "http://synthetichealth.github.io/");
        return fhir.newValidator().registerValidatorModule(module);
    }
}
