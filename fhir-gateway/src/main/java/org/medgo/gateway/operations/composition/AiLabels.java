package org.medgo.gateway.operations.composition;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Resource;

/** HL7 AI Transparency on FHIR: {@code meta.security} AIAST ("Artificial Intelligence asserted"). */
public final class AiLabels {

    public static final String OBSERVATION_VALUE = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";
    public static final String AIAST = "AIAST";

    private AiLabels() {}

    public static <T extends Resource> T label(T resource) {
        resource.getMeta().addSecurity(new Coding(OBSERVATION_VALUE, AIAST, "Artificial Intelligence asserted"));
        return resource;
    }

    public static boolean isLabelled(Resource resource) {
        return resource.getMeta().getSecurity().stream()
                .anyMatch(c -> OBSERVATION_VALUE.equals(c.getSystem()) && AIAST.equals(c.getCode()));
    }
}
