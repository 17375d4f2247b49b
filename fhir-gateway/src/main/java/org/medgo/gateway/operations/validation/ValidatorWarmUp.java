package org.medgo.gateway.operations.validation;

import java.util.Date;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.medgo.gateway.operations.conformance.GatewayConformance;

/**
 * A made-up record (no real person) shaped like what the validator sees per request: a collection Bundle with a
 * Patient (language), an Encounter, a LOINC Observation with a UCUM quantity, a SNOMED Condition and a Composition
 * with XHTML narrative and one of the gateway's extensions. Validating it once at start loads what HAPI otherwise
 * loads lazily in the first real request (BCP-47 registry, UCUM, code system lookups, extension definitions).
 */
final class ValidatorWarmUp {

    private ValidatorWarmUp() {}

    static Bundle record() {
        Patient patient = new Patient();
        patient.setId("warm-up-patient");
        patient.setLanguage("en-US");
        patient.setGender(Enumerations.AdministrativeGender.UNKNOWN);
        patient.addCommunication().setLanguage(new CodeableConcept(new Coding("urn:ietf:bcp:47", "en-US", "English (United States)")));
        Reference subject = new Reference("Patient/warm-up-patient");

        Encounter encounter = new Encounter();
        encounter.setId("warm-up-encounter");
        encounter.setStatus(Encounter.EncounterStatus.FINISHED);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
        encounter.setSubject(subject);

        Observation observation = new Observation();
        observation.setId("warm-up-observation");
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setCode(new CodeableConcept(new Coding("http://loinc.org", "8867-4", "Heart rate")));
        observation.setSubject(subject);
        observation.setValue(new Quantity().setValue(72).setUnit("/min").setSystem("http://unitsofmeasure.org").setCode("/min"));

        Condition condition = new Condition();
        condition.setId("warm-up-condition");
        condition.setSubject(subject);
        condition.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "38341003", "Hypertensive disorder")));
        condition.setClinicalStatus(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));

        Composition composition = new Composition();
        composition.setId("warm-up-composition");
        composition.setStatus(Composition.CompositionStatus.PRELIMINARY);
        composition.setType(new CodeableConcept(new Coding("http://loinc.org", "11506-3", "Progress note")));
        composition.setSubject(subject);
        composition.setDate(new Date());
        composition.addAuthor(new Reference("Device/warm-up-device"));
        composition.setTitle("Warm-up");
        composition.setLanguage("en");
        Composition.SectionComponent section = composition.addSection().setTitle("Summary");
        section.getText().setStatus(Narrative.NarrativeStatus.GENERATED).setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Warm-up</p></div>");
        section.addEntry(new Reference("Condition/warm-up-condition"));
        String uncitedCount = GatewayConformance.extensions().stream().filter(sd -> sd.getId().endsWith("uncited-statement-count"))
                .findFirst().orElseThrow().getUrl();
        composition.addExtension(new Extension(uncitedCount, new org.hl7.fhir.r4.model.UnsignedIntType(0)));

        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        for (var r : new org.hl7.fhir.r4.model.Resource[] {composition, patient, encounter, observation, condition}) {
            bundle.addEntry().setFullUrl("https://ehr.invalid/fhir/" + r.fhirType() + "/" + r.getIdPart()).setResource(r);
        }
        return bundle;
    }
}
