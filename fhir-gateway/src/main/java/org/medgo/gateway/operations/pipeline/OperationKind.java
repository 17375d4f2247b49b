package org.medgo.gateway.operations.pipeline;

import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Resource;

/** The three clinical AI operations: where they are served, their focal resource and prompt family. */
public enum OperationKind {
    SUMMARIZE("Encounter/$summarize", Encounter.class, "summarize"),
    ENCOUNTER_DIFFERENTIAL("Encounter/$differential", Encounter.class, "differential"),
    REPORT_DIFFERENTIAL("DiagnosticReport/$differential", DiagnosticReport.class, "differential");

    private final String path;
    private final Class<? extends Resource> focus;
    private final String promptFamily;

    OperationKind(String path, Class<? extends Resource> focus, String promptFamily) {
        this.path = path;
        this.focus = focus;
        this.promptFamily = promptFamily;
    }

    public String path() { return path; }

    public Class<? extends Resource> focus() { return focus; }

    public String promptFamily() { return promptFamily; }
}
