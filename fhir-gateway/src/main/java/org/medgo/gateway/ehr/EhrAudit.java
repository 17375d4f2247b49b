package org.medgo.gateway.ehr;

import java.util.Map;
import org.medgo.audit.AuditRecord;
import org.medgo.audit.EventType;
import org.medgo.audit.Outcome;
import org.medgo.audit.chain.AuditTrail;
import org.medgo.gateway.audit.Requester;
import org.springframework.stereotype.Component;

/**
 * Audit events of the EMR round trip, as BALP {@code rest} events with their own subtypes: {@code ehr-pull}
 * (what was read), {@code ehr-write} (each write-back attempt), {@code cds-hook}, {@code cds-feedback}. Ids,
 * versions, counts and outcomes only, never record content. A failed audit write fails the step.
 */
@Component
public class EhrAudit {

    private final AuditTrail trail;

    EhrAudit(AuditTrail trail) {
        this.trail = trail;
    }

    public void record(String subtype, Outcome outcome, String failure, Requester who, String patientRef, String entityRef,
            String requestId, Map<String, ?> details) {
        trail.record(AuditRecord.builder(EventType.REST, subtype).action('E').outcome(outcome, failure)
                .client(who.clientId()).user(who.userId()).patient(patientRef).entity(entityRef).request(requestId)
                .details(details).build());
    }
}
