package org.medgo.gateway.operations.composition;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/**
 * The stored AI Compositions: read, search by {@code patient}, {@code encounter}, {@code status},
 * {@code type} (LOINC) and {@code date}, and {@code $document}. Other features add Composition operations
 * (review: {@code $approve}, {@code $reject}) through plain providers, not a second resource provider.
 */
@Component
public class CompositionResourceProvider implements IResourceProvider {

    static final int MAX_RESULTS = 200;

    private final CompositionStore store;
    private final DocumentBundles documents;

    CompositionResourceProvider(CompositionStore store, DocumentBundles documents) {
        this.store = store;
        this.documents = documents;
    }

    @Override
    public Class<Composition> getResourceType() {
        return Composition.class;
    }

    @Read
    public Composition read(@IdParam IdType id) {
        return store.read(id.getIdPart()).orElseThrow(() -> new ResourceNotFoundException(id));
    }

    @Search
    public List<Composition> search(
            @OptionalParam(name = Composition.SP_PATIENT) ReferenceParam patient,
            @OptionalParam(name = Composition.SP_ENCOUNTER) ReferenceParam encounter,
            @OptionalParam(name = Composition.SP_STATUS) TokenParam status,
            @OptionalParam(name = Composition.SP_TYPE) TokenParam type,
            @OptionalParam(name = Composition.SP_DATE) DateRangeParam date) {
        if (type != null && type.getSystem() != null && !CompositionSkeleton.LOINC.equals(type.getSystem())) {
            return List.of();
        }
        return store.search(new CompositionStore.Query(
                reference(patient, "Patient"), reference(encounter, "Encounter"),
                status == null ? null : status.getValue(), type == null ? null : type.getValue(),
                date == null || date.getLowerBoundAsInstant() == null ? null : date.getLowerBoundAsInstant().toInstant(),
                date == null || date.getUpperBoundAsInstant() == null ? null : date.getUpperBoundAsInstant().toInstant(),
                MAX_RESULTS));
    }

    @Operation(name = "$document", idempotent = true)
    public Bundle document(@IdParam IdType id, RequestDetails request) {
        return documents.document(id.getIdPart(), request.getFhirServerBase());
    }

    private static String reference(ReferenceParam p, String type) {
        if (p == null) return null;
        if (p.getResourceType() != null && !type.equals(p.getResourceType())) {
            throw new InvalidRequestException("expected a " + type + " reference");
        }
        return type + "/" + p.getIdPart();
    }
}
