package org.medgo.gateway.operations.composition;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Map;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Provenance;
import org.medgo.gateway.fhir.SearchPage;
import org.medgo.gateway.fhir.SearchSort;

/**
 * Searches over the generated Conditions and Provenance, paged in the database like the Compositions'
 * ({@code _count}, {@code _offset}, {@code total}); they are found through the Composition they were made with.
 */
final class GeneratedResourceSearches {

    private GeneratedResourceSearches() {}

    /** Conditions by {@code patient}/{@code subject} and {@code encounter}; {@code _sort=recorded-date}. */
    static final class Conditions extends GeneratedResourceProviders.ReadOnly {
        private static final Map<String, String> SORTS = Map.of(Condition.SP_RECORDED_DATE, "c.date");

        Conditions(CompositionStore store) {
            super(Condition.class, store);
        }

        @Search
        public IBundleProvider search(@OptionalParam(name = Condition.SP_PATIENT) ReferenceParam patient,
                @OptionalParam(name = Condition.SP_SUBJECT) ReferenceParam subject,
                @OptionalParam(name = Condition.SP_ENCOUNTER) ReferenceParam encounter,
                @Sort SortSpec sort, @Offset Integer offset, @Count Integer count) {
            SearchPage page = SearchPage.of(offset, count);
            String order = SearchSort.orderBy(sort, SORTS, "c.date DESC", "g.id");
            String patientRef = CompositionResourceProvider.reference(patient != null ? patient : subject, "Patient");
            var query = new CompositionStore.GeneratedQuery("Condition", patientRef, null,
                    CompositionResourceProvider.reference(encounter, "Encounter"));
            return page.bundle(store().searchGenerated(query, page, order), store().countGenerated(query));
        }
    }

    /** Provenance by {@code target} (a Composition or one of its Conditions) and {@code patient}; {@code _sort=recorded}. */
    static final class Provenances extends GeneratedResourceProviders.ReadOnly {
        private static final Map<String, String> SORTS = Map.of(Provenance.SP_RECORDED, "c.date");

        Provenances(CompositionStore store) {
            super(Provenance.class, store);
        }

        @Search
        public IBundleProvider search(@OptionalParam(name = Provenance.SP_TARGET) ReferenceParam target,
                @OptionalParam(name = Provenance.SP_PATIENT) ReferenceParam patient,
                @Sort SortSpec sort, @Offset Integer offset, @Count Integer count) {
            SearchPage page = SearchPage.of(offset, count);
            String order = SearchSort.orderBy(sort, SORTS, "c.date DESC", "g.id");
            String compositionId = null;
            if (target != null) {
                String type = target.getResourceType();
                if ("Condition".equals(type)) {
                    compositionId = store().compositionOf("Condition", target.getIdPart());
                    if (compositionId == null) return page.bundle(java.util.List.of(), 0);
                } else if (type == null || "Composition".equals(type)) {
                    compositionId = target.getIdPart();
                } else {
                    throw new InvalidRequestException("target must be a Composition or a Condition the gateway generated");
                }
            }
            var query = new CompositionStore.GeneratedQuery("Provenance",
                    CompositionResourceProvider.reference(patient, "Patient"), compositionId, null);
            return page.bundle(store().searchGenerated(query, page, order), store().countGenerated(query));
        }
    }
}
