package org.medgo.gateway.audit;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.medgo.audit.fhir.AuditQuery;
import org.medgo.audit.fhir.AuditSearch;
import org.springframework.stereotype.Component;

/** FHIR {@code AuditEvent} read and search (patient, date, type, subtype, agent) over the audit trail. */
@Component
public class AuditEventResourceProvider implements IResourceProvider {
    private static final int MAX_RESULTS = 1000;
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

    @Search
    public List<AuditEvent> search(
            @OptionalParam(name = AuditEvent.SP_PATIENT) ReferenceParam patient,
            @OptionalParam(name = AuditEvent.SP_DATE) DateRangeParam date,
            @OptionalParam(name = AuditEvent.SP_TYPE) TokenParam type,
            @OptionalParam(name = AuditEvent.SP_SUBTYPE) TokenParam subtype,
            @OptionalParam(name = AuditEvent.SP_AGENT) TokenParam agent,
            @OptionalParam(name = "_count") ca.uhn.fhir.rest.param.NumberParam count) {
        int limit = count == null ? 100 : count.getValue().intValue();
        if (limit < 1 || limit > MAX_RESULTS) {
            throw new InvalidRequestException("_count must be between 1 and " + MAX_RESULTS);
        }
        String patientRef = patient == null ? null : "Patient/" + patient.getIdPart();
        return query.search(new AuditSearch(patientRef,
                date == null || date.getLowerBoundAsInstant() == null ? null : date.getLowerBoundAsInstant().toInstant(),
                date == null || date.getUpperBoundAsInstant() == null ? null : date.getUpperBoundAsInstant().toInstant(),
                type == null ? null : type.getValue(),
                subtype == null ? null : subtype.getValue(),
                agent == null ? null : agent.getValue(),
                limit));
    }
}
