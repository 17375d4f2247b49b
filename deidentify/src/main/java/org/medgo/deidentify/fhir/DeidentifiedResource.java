package org.medgo.deidentify.fhir;

import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.medgo.deidentify.PhiType;

/**
 * Result for the pipeline: the de-identified resource (a modified copy; the input is untouched), the
 * request id under which the vault stores the surrogates, and replacement counts per type (no PHI,
 * fit for the audit record).
 */
public record DeidentifiedResource(IBaseResource resource, UUID vaultId, Map<PhiType, Integer> counts, String ruleSet) {
    public DeidentifiedResource {
        counts = Map.copyOf(counts);
    }
}
