package org.medgo.gateway.operations;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.medgo.gateway.operations.conformance.GatewayConformance;

/**
 * HAPI's instance validator with R4 core, as a client would check what the gateway returns; plus THO's
 * definition of the one AI Transparency code R4's terminology predates ({@code AIAST}), and the gateway's
 * extension definitions as published at /fhir/StructureDefinition, so unknown extensions are errors here.
 */
public final class R4CoreValidator {

    private R4CoreValidator() {}

    public static FhirValidator create() {
        var fhir = FhirHttp.FHIR;
        PrePopulatedValidationSupport published = new PrePopulatedValidationSupport(fhir);
        published.addCodeSystem(GatewayConformance.aiTransparencyFragment());
        GatewayConformance.extensions().forEach(published::addStructureDefinition);
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
