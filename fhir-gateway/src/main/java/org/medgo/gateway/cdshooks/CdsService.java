package org.medgo.gateway.cdshooks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.medgo.gateway.operations.pipeline.OperationKind;

/** The CDS services the gateway offers, the hook each answers, what it generates and the data it asks to prefetch. */
enum CdsService {
    DISCHARGE_SUMMARY("medgo-discharge-summary", "encounter-discharge", OperationKind.SUMMARIZE,
            "MedGo AI discharge summary",
            "Drafts a discharge summary of the encounter with the MedGo model for the clinician to review, edit and sign.",
            "AI draft discharge summary", Set.of("18842-5", "11506-3")),
    DIFFERENTIAL("medgo-differential", "patient-view", OperationKind.ENCOUNTER_DIFFERENTIAL,
            "MedGo AI differential diagnosis",
            "Drafts a ranked differential diagnosis for the open encounter with the MedGo model, for the clinician to review.",
            "AI draft differential diagnosis", Set.of("51848-0"));

    private final String id;
    private final String hook;
    private final OperationKind kind;
    private final String title;
    private final String description;
    private final String draftName;
    private final Set<String> typeCodes;

    CdsService(String id, String hook, OperationKind kind, String title, String description, String draftName, Set<String> typeCodes) {
        this.id = id;
        this.hook = hook;
        this.kind = kind;
        this.title = title;
        this.description = description;
        this.draftName = draftName;
        this.typeCodes = typeCodes;
    }

    String id() { return id; }

    String hook() { return hook; }

    OperationKind kind() { return kind; }

    String title() { return title; }

    String description() { return description; }

    String draftName() { return draftName; }

    boolean generates(String loincCode) { return typeCodes.contains(loincCode); }

    /** Prefetch templates: with them filled in, the gateway needs no call back to the EMR. */
    Map<String, String> prefetch() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("patient", "Patient/{{context.patientId}}");
        p.put("encounter", "Encounter/{{context.encounterId}}");
        String scope = "patient={{context.patientId}}&encounter={{context.encounterId}}";
        p.put("conditions", "Condition?" + scope);
        p.put("observations", "Observation?" + scope);
        p.put("medications", "MedicationRequest?" + scope);
        p.put("procedures", "Procedure?" + scope);
        p.put("reports", "DiagnosticReport?" + scope);
        p.put("notes", "DocumentReference?" + scope);
        p.put("allergies", "AllergyIntolerance?patient={{context.patientId}}");
        return p;
    }

    static Optional<CdsService> byId(String id) {
        for (CdsService s : values()) {
            if (s.id.equals(id)) return Optional.of(s);
        }
        return Optional.empty();
    }
}
