package org.medgo.gateway.audit;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.medgo.audit.fhir.AuditQuery;
import org.medgo.audit.fhir.AuditSearch;
import org.medgo.gateway.fhir.SearchPage;
import org.medgo.gateway.fhir.SearchSort;
import org.springframework.stereotype.Component;

/** FHIR {@code AuditEvent} read and search (patient, date, type, subtype, agent; paged) over the audit trail. */
@Component
public class AuditEventResourceProvider implements IResourceProvider {
    private final AuditQuery query;

    AuditEventResourceProvider(AuditQuery query) {
        this.query = query;
    }

    @Override
    public Class<AuditEvent> getResourceType() {
        return AuditEvent.class;
    }

    @Read
    public AuditEvent read(@IdParam IdType id) {
        long seq;
        try {
            seq = Long.parseLong(id.getIdPart());
        } catch (NumberFormatException e) {
            throw new ResourceNotFoundException(id);
        }
        return query.read(seq).orElseThrow(() -> new ResourceNotFoundException(id));
    }

    /**
     * Paged over the trail: {@code _count} events from {@code _offset} (stateless next/previous links),
     * {@code total} counted. Oldest first by default: the trail only grows at its end, so the pages of an
     * auditor walking it stay put while events are written; {@code _sort=-date} gives the newest first (pin it
     * with {@code date=le…} to page through a moving trail).
     */
    @Search
    public IBundleProvider search(
            @OptionalParam(name = AuditEvent.SP_PATIENT) ReferenceParam patient,
            @OptionalParam(name = AuditEvent.SP_DATE) DateRangeParam date,
            @OptionalParam(name = AuditEvent.SP_TYPE) TokenParam type,
            @OptionalParam(name = AuditEvent.SP_SUBTYPE) TokenParam subtype,
            @OptionalParam(name = AuditEvent.SP_AGENT) TokenParam agent,
            @Sort SortSpec sort, @Offset Integer offset, @Count Integer count) {
        SearchPage page = SearchPage.of(offset, count);
        // the chain sequence follows the recorded time, and is unique: a stable order for paging
        boolean oldestFirst = SearchSort.orderBy(sort, Map.of(AuditEvent.SP_DATE, "seq"), "seq ASC", "seq").startsWith("seq ASC");
        String patientRef = patient == null ? null : "Patient/" + patient.getIdPart();
        AuditSearch criteria = new AuditSearch(patientRef,
                date == null || date.getLowerBoundAsInstant() == null ? null : date.getLowerBoundAsInstant().toInstant(),
                date == null || date.getUpperBoundAsInstant() == null ? null : date.getUpperBoundAsInstant().toInstant(),
                type == null ? null : type.getValue(),
                subtype == null ? null : subtype.getValue(),
                agent == null ? null : agent.getValue(),
                Math.max(1, page.count()));
        List<AuditEvent> rows = page.count() == 0 ? List.of() : query.search(criteria, page.offset(), oldestFirst);
        return page.bundle(rows, query.count(criteria));
    }
}
