package org.medgo.gateway.ehr.pull;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;

/**
 * A record read from the EMR: the collection Bundle the pipeline gets (as if pushed), the versioned
 * references of everything fetched ({@code Encounter/12/_history/3}) and the count per resource type.
 */
public record PulledRecord(Bundle bundle, String patientRef, List<String> fetched, Map<String, Integer> counts) {}
