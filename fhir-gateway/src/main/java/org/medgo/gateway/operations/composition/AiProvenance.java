package org.medgo.gateway.operations.composition;

import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The Provenance of a generated document (AI Transparency on FHIR): target = the Composition and every
 * generated entry, agent = the model Device as author, entity = the prompt template version (source).
 */
public final class AiProvenance {

    public static final String PROMPT_TEMPLATE_SYSTEM = "urn:medgo:prompt-template";

    private AiProvenance() {}

    public static Provenance of(String id, List<Resource> targets, Device device, String templateId, Date recorded) {
        Provenance p = new Provenance();
        p.setId(id);
        targets.forEach(t -> p.addTarget(new Reference(t.fhirType() + "/" + t.getIdPart())));
        p.setRecorded(recorded);
        p.setActivity(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-DataOperation", "CREATE", "create")));
        Provenance.ProvenanceAgentComponent agent = p.addAgent();
        agent.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/provenance-participant-type", "author", "Author")));
        agent.setWho(new Reference("Device/" + device.getIdPart()).setDisplay(device.getDeviceNameFirstRep().getName()));
        Provenance.ProvenanceEntityComponent entity = p.addEntity();
        entity.setRole(Provenance.ProvenanceEntityRole.SOURCE);
        entity.setWhat(new Reference().setIdentifier(new org.hl7.fhir.r4.model.Identifier()
                .setSystem(PROMPT_TEMPLATE_SYSTEM).setValue(templateId)).setDisplay("prompt template " + templateId));
        return AiLabels.label(p);
    }
}
