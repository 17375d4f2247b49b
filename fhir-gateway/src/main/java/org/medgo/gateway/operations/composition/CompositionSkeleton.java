package org.medgo.gateway.operations.composition;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Reference;

/** The parts every AI Composition has: preliminary, AIAST, the real subject, the model as author. */
public final class CompositionSkeleton {

    public static final String LOINC = "http://loinc.org";
    public static final String REQUEST_ID_SYSTEM = "urn:medgo:request-id";

    private CompositionSkeleton() {}

    public static Composition of(DocumentContext ctx, String loincCode, String loincDisplay, String title) {
        Composition c = new Composition();
        c.setId(ctx.compositionId());
        c.setIdentifier(new org.hl7.fhir.r4.model.Identifier().setSystem(REQUEST_ID_SYSTEM).setValue(ctx.requestId()));
        c.setStatus(Composition.CompositionStatus.PRELIMINARY);
        c.setType(new CodeableConcept(new Coding(LOINC, loincCode, loincDisplay)));
        c.setSubject(ctx.patient().copy());
        ctx.encounter().ifPresent(e -> c.setEncounter(e.copy()));
        c.setDate(ctx.date());
        c.addAuthor(new Reference("Device/" + ctx.device().getIdPart()).setDisplay(ctx.device().getDeviceNameFirstRep().getName()));
        c.setTitle(title);
        c.setLanguage(ctx.language());
        c.setConfidentiality(Composition.DocumentConfidentiality.R);
        return AiLabels.label(c);
    }

    public static Composition.SectionComponent section(Composition c, String loincCode, String display, String title) {
        Composition.SectionComponent s = c.addSection();
        s.setTitle(title);
        s.setCode(new CodeableConcept(new Coding(LOINC, loincCode, display)));
        return s;
    }
}
