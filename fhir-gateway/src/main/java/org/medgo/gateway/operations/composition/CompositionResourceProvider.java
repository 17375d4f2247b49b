package org.medgo.gateway.operations.composition;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.IdType;
import org.medgo.gateway.fhir.SearchPage;
import org.medgo.gateway.fhir.SearchSort;
import org.springframework.stereotype.Component;

/**
 * The stored AI Compositions: read, search by {@code patient}, {@code encounter}, {@code status},
 * {@code type} (LOINC) and {@code date}, and {@code $document}. Other features add Composition operations
 * (review: {@code $approve}, {@code $reject}) through plain providers, not a second resource provider.
 */
@Component
public class CompositionResourceProvider implements IResourceProvider {

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

    /** Read and vread ({@code /_history/N}: 1 = the draft, 2 = the review decision). */
    @Read(version = true)
    public Composition read(@IdParam IdType id) {
        if (id.hasVersionIdPart()) {
            if (!id.isVersionIdPartValidLong()) {
                throw new ResourceNotFoundException(id);
            }
            return store.readVersion(id.getIdPart(), id.getVersionIdPartAsLong().intValue())
                    .orElseThrow(() -> new ResourceNotFoundException(id));
        }
        return store.read(id.getIdPart()).orElseThrow(() -> new ResourceNotFoundException(id));
    }

    /** {@code Composition/{id}/_history}: every version, newest first. */
    @History
    public List<Composition> history(@IdParam IdType id) {
        List<Composition> versions = store.history(id.getIdPart());
        if (versions.isEmpty()) {
            throw new ResourceNotFoundException(id);
        }
        return versions;
    }

    /**
     * Paged over the database: {@code _count} rows from {@code _offset}, {@code total} counted, stateless
     * next/previous links; {@code _sort} by {@code date} or {@code _lastUpdated} (newest first by default).
     */
    @Search
    public IBundleProvider search(
            @OptionalParam(name = Composition.SP_PATIENT) ReferenceParam patient,
            @OptionalParam(name = Composition.SP_ENCOUNTER) ReferenceParam encounter,
            @OptionalParam(name = Composition.SP_STATUS) TokenParam status,
            @OptionalParam(name = Composition.SP_TYPE) TokenParam type,
            @OptionalParam(name = Composition.SP_DATE) DateRangeParam date,
            @OptionalParam(name = Constants.PARAM_LASTUPDATED) DateRangeParam lastUpdated,
            @Sort SortSpec sort, @Offset Integer offset, @Count Integer count) {
        SearchPage page = SearchPage.of(offset, count);
        String order = SearchSort.orderBy(sort, SORTS, "date DESC", "id");
        if (type != null && type.getSystem() != null && !CompositionSkeleton.LOINC.equals(type.getSystem())) {
            return page.bundle(List.of(), 0);
        }
        CompositionStore.Query query = new CompositionStore.Query(
                reference(patient, "Patient"), reference(encounter, "Encounter"),
                status == null ? null : status.getValue(), type == null ? null : type.getValue(),
                lower(date), upper(date), lower(lastUpdated), upper(lastUpdated));
        return page.bundle(store.search(query, page, order), store.count(query));
    }

    static final Map<String, String> SORTS = Map.of(Composition.SP_DATE, "date", Constants.PARAM_LASTUPDATED, "updated_at");

    static Instant lower(DateRangeParam range) {
        return range == null || range.getLowerBoundAsInstant() == null ? null : range.getLowerBoundAsInstant().toInstant();
    }

    static Instant upper(DateRangeParam range) {
        return range == null || range.getUpperBoundAsInstant() == null ? null : range.getUpperBoundAsInstant().toInstant();
    }

    @Operation(name = "$document", idempotent = true)
    public Bundle document(@IdParam IdType id, RequestDetails request) {
        return documents.document(id.getIdPart(), request.getFhirServerBase());
    }

    static String reference(ReferenceParam p, String type) {
        if (p == null) return null;
        if (p.getResourceType() != null && !type.equals(p.getResourceType())) {
            throw new InvalidRequestException("expected a " + type + " reference");
        }
        return type + "/" + p.getIdPart();
    }
}
