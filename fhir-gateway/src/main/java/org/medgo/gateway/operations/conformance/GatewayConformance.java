package org.medgo.gateway.operations.conformance;

import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.UriType;
import org.medgo.audit.EventType;
import org.medgo.gateway.operations.citation.Citations;
import org.medgo.gateway.operations.composition.RecordOmission;
import org.medgo.gateway.operations.differential.DifferentialMapper;

/**
 * The definitions of what the gateway itself adds to FHIR: StructureDefinitions of its extensions and the
 * CodeSystems of its codes, published at {@code /fhir/StructureDefinition} and {@code /fhir/CodeSystem} so that
 * validators and clients can resolve them. Built once from the same constants the mappers write.
 */
public final class GatewayConformance {

    /** The rejection reason a reviewer gives ({@code $reject}), on the Composition. */
    public static final String REJECTION_REASON = "urn:medgo:review:rejection-reason";
    public static final String AUDIT_EVENT_TYPE = "https://medgo.org/fhir/CodeSystem/audit-event-type";
    public static final String AUDIT_EVENT_SUBTYPE = "https://medgo.org/fhir/CodeSystem/audit-event-subtype";

    private GatewayConformance() {}

    public static List<StructureDefinition> extensions() {
        return List.of(
                extension("differential-likelihood", DifferentialMapper.LIKELIHOOD, "Condition", "CodeableConcept", false,
                        "How likely the model considers this differential diagnosis (HL7 risk-probability: high, moderate, low)"),
                citedStatement("differential-opposing-finding", DifferentialMapper.OPPOSING, "Condition",
                        "A finding of the record that speaks against this differential diagnosis, with the record lines it cites"),
                citedStatement("cited-statement", Citations.STATEMENT, "Composition.section",
                        "A statement of the AI draft with the record lines it cites (text, source references, citation keys)"),
                extension("uncited-statement", Citations.UNCITED, "Element", "boolean", false,
                        "True on an element whose AI statement cites no line of the record"),
                extension("uncited-statement-count", Citations.UNCITED_COUNT, "Composition", "unsignedInt", false,
                        "How many statements of the AI draft cite no line of the record"),
                extension("citation-key", Citations.CITATION_KEY, "Element", "string", true,
                        "The key of a record line a statement cites (e.g. N2:4), to show the reviewer the very sentence"),
                extension("differential-next-test", DifferentialMapper.NEXT_TEST, "Condition", "CodeableConcept", true,
                        "A test the model recommends next to confirm or exclude this differential diagnosis"),
                extension("review-rejection-reason", REJECTION_REASON, "Composition", "string", false,
                        "Why the clinician rejected this AI draft ($reject)"),
                extension("record-omitted", RecordOmission.URL, "Composition", "string", false,
                        "What of the record the model did not see when it wrote this draft: the patient's other encounters, or facts left out to fit the model's context"));
    }

    public static List<CodeSystem> codeSystems() {
        CodeSystem types = codeSystem("audit-event-type", AUDIT_EVENT_TYPE, "MedGo audit event types",
                "Kinds of AuditEvent the gateway records besides FHIR REST interactions");
        types.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        for (EventType t : EventType.values()) {
            types.addConcept().setCode(t.code()).setDisplay(t.code());
        }
        CodeSystem subtypes = codeSystem("audit-event-subtype", AUDIT_EVENT_SUBTYPE, "MedGo audit event subtypes",
                "The step or operation of an AuditEvent (e.g. summarize, differential, approve); open-ended, so not listed");
        subtypes.setContent(CodeSystem.CodeSystemContentMode.NOTPRESENT);
        return List.of(types, subtypes);
    }

    /**
     * HL7 AI Transparency's {@code AIAST} label is in THO's v3-ObservationValue only since after the R4-era
     * terminology that HAPI ships, which calls it an unknown code (an error). This fragment of THO's code system,
     * the one code, goes first in a validator's support chain so that the label every AI resource carries
     * validates; it is HL7's, so it is used for validation and not published as the gateway's.
     */
    public static CodeSystem aiTransparencyFragment() {
        CodeSystem cs = new CodeSystem();
        cs.setId("v3-ObservationValue-AIAST");
        cs.setUrl("http://terminology.hl7.org/CodeSystem/v3-ObservationValue").setName("ObservationValueAiastFragment")
                .setStatus(Enumerations.PublicationStatus.ACTIVE).setContent(CodeSystem.CodeSystemContentMode.FRAGMENT)
                .setCaseSensitive(true);
        cs.addConcept().setCode("AIAST").setDisplay("Artificial Intelligence asserted");
        return cs;
    }

    /** A complex extension: {@code text} (1..1), {@code source} references, {@code key}s, {@code uncited}. */
    private static StructureDefinition citedStatement(String id, String url, String context, String definition) {
        StructureDefinition sd = extension(id, url, context, null, true, definition);
        List<ElementDefinition> elements = sd.getDifferential().getElement();
        ElementDefinition root = elements.getFirst();
        ElementDefinition fixedUrl = elements.stream().filter(e -> e.getPath().equals("Extension.url")).findFirst().orElseThrow();
        elements.clear();
        elements.add(root);
        ElementDefinition sliced = sd.getDifferential().addElement().setPath("Extension.extension").setMin(1);
        sliced.setId("Extension.extension");
        sliced.getSlicing().setRules(ElementDefinition.SlicingRules.OPEN)
                .addDiscriminator().setType(ElementDefinition.DiscriminatorType.VALUE).setPath("url");
        slice(sd, "text", 1, "1", "string", "The statement");
        slice(sd, "source", 0, "*", "Reference", "A resource of the record the statement cites");
        slice(sd, "key", 0, "*", "string", "The key of a cited record line");
        slice(sd, "uncited", 0, "1", "boolean", "True when the statement cites nothing");
        elements.add(fixedUrl);
        ElementDefinition value = sd.getDifferential().addElement().setPath("Extension.value[x]").setMax("0");
        value.setId("Extension.value[x]");
        return sd;
    }

    private static void slice(StructureDefinition sd, String name, int min, String max, String type, String definition) {
        ElementDefinition ext = sd.getDifferential().addElement().setPath("Extension.extension").setSliceName(name)
                .setMin(min).setMax(max).setShort(definition).setDefinition(definition);
        ext.setId("Extension.extension:" + name);
        ElementDefinition url = sd.getDifferential().addElement().setPath("Extension.extension.url").setFixed(new UriType(name));
        url.setId("Extension.extension:" + name + ".url");
        ElementDefinition value = sd.getDifferential().addElement().setPath("Extension.extension.value[x]").setMin(1);
        value.setId("Extension.extension:" + name + ".value[x]");
        value.addType().setCode(type);
    }

    private static StructureDefinition extension(String id, String url, String context, String valueType, boolean repeats, String definition) {
        StructureDefinition sd = new StructureDefinition();
        sd.setId(id);
        sd.setUrl(url).setName(toName(id)).setTitle(toName(id)).setStatus(Enumerations.PublicationStatus.ACTIVE)
                .setPublisher("MedGo").setDescription(definition).setFhirVersion(Enumerations.FHIRVersion._4_0_1)
                .setKind(StructureDefinition.StructureDefinitionKind.COMPLEXTYPE).setAbstract(false).setType("Extension")
                .setBaseDefinition("http://hl7.org/fhir/StructureDefinition/Extension")
                .setDerivation(StructureDefinition.TypeDerivationRule.CONSTRAINT);
        sd.addContext().setType(StructureDefinition.ExtensionContextType.ELEMENT).setExpression(context);
        ElementDefinition root = sd.getDifferential().addElement().setPath("Extension").setShort(definition).setDefinition(definition)
                .setMin(0).setMax(repeats ? "*" : "1");
        root.setId("Extension");
        ElementDefinition nested = sd.getDifferential().addElement().setPath("Extension.extension").setMax("0");
        nested.setId("Extension.extension");
        ElementDefinition urlElement = sd.getDifferential().addElement().setPath("Extension.url").setFixed(new UriType(url));
        urlElement.setId("Extension.url");
        if (valueType != null) {
            ElementDefinition value = sd.getDifferential().addElement().setPath("Extension.value[x]").setMin(1);
            value.setId("Extension.value[x]");
            value.addType().setCode(valueType);
        }
        return sd;
    }

    private static CodeSystem codeSystem(String id, String url, String title, String description) {
        CodeSystem cs = new CodeSystem();
        cs.setId(id);
        cs.setUrl(url).setName(toName(id)).setTitle(title).setStatus(Enumerations.PublicationStatus.ACTIVE)
                .setPublisher("MedGo").setDescription(description).setCaseSensitive(true);
        return cs;
    }

    private static String toName(String id) {
        StringBuilder name = new StringBuilder();
        for (String part : id.split("-")) {
            name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return name.toString();
    }
}
