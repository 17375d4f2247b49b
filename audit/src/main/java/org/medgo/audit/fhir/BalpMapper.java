package org.medgo.audit.fhir;

import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.medgo.audit.AuditRecord;
import org.medgo.audit.EventType;
import org.medgo.audit.StoredEvent;

import java.util.Date;

/** Shapes stored records as FHIR R4 AuditEvents following IHE Basic Audit Log Patterns (BALP). */
final class BalpMapper {
    static final String AUDIT_EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";
    static final String MEDGO_EVENT_TYPE = "https://medgo.org/fhir/CodeSystem/audit-event-type";
    static final String MEDGO_SUBTYPE = "https://medgo.org/fhir/CodeSystem/audit-event-subtype";
    static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    static final String BALP = "https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType";
    static final String CLIENT_SYSTEM = "urn:medgo:oauth-client";
    static final String USER_SYSTEM = "urn:medgo:user";

    private BalpMapper() {
    }

    static AuditEvent toFhir(StoredEvent e) {
        AuditRecord r = e.record();
        AuditEvent ae = new AuditEvent();
        ae.setId(String.valueOf(e.seq()));
        if (r.type() == EventType.REST) {
            ae.setType(new Coding(AUDIT_EVENT_TYPE, "rest", "Restful Operation"));
            if (r.subtype() != null) {
                String code = r.subtype().startsWith("operation") ? "operation" : r.subtype();
                ae.addSubtype(new Coding(RESTFUL_INTERACTION, code, null));
                if (r.subtype().startsWith("operation:")) {
                    ae.addSubtype(new Coding(MEDGO_SUBTYPE, r.subtype().substring("operation:".length()), null));
                }
            }
        } else {
            ae.setType(new Coding(MEDGO_EVENT_TYPE, r.type().code(), null));
            if (r.subtype() != null) {
                ae.addSubtype(new Coding(MEDGO_SUBTYPE, r.subtype(), null));
            }
        }
        ae.setAction(AuditEvent.AuditEventAction.fromCode(String.valueOf(r.action())));
        ae.setRecorded(Date.from(e.recorded()));
        ae.setOutcome(AuditEvent.AuditEventOutcome.fromCode(r.outcome().code()));
        if (r.outcomeDetail() != null) {
            ae.setOutcomeDesc(r.outcomeDetail());
        }
        if (r.clientId() != null) {
            ae.addAgent().setType(concept(DICOM, "110150", "Application"))
                    .setWho(new Reference().setIdentifier(new Identifier().setSystem(CLIENT_SYSTEM).setValue(r.clientId())))
                    .setRequestor(r.userId() == null);
        }
        if (r.userId() != null) {
            ae.addAgent().setType(concept(PARTICIPATION, "IRCP", "information recipient"))
                    .setWho(new Reference().setIdentifier(new Identifier().setSystem(USER_SYSTEM).setValue(r.userId())))
                    .setRequestor(true);
        }
        ae.addAgent().setType(concept(DICOM, "110152", "Destination Role ID"))
                .setWho(new Reference().setDisplay("MedGo Gateway")).setRequestor(false);
        ae.getSource().setObserver(new Reference().setDisplay("MedGo Gateway"))
                .addType(new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server"));
        if (r.patientRef() != null) {
            ae.addEntity().setWhat(new Reference(r.patientRef()))
                    .setType(new Coding(ENTITY_TYPE, "1", "Person"))
                    .setRole(new Coding(OBJECT_ROLE, "1", "Patient"));
        }
        if (r.entityRef() != null) {
            AuditEvent.AuditEventEntityComponent data = ae.addEntity().setWhat(new Reference(r.entityRef()))
                    .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
                    .setRole(new Coding(OBJECT_ROLE, "4", "Domain Resource"));
            r.details().forEach((k, v) -> data.addDetail().setType(k).setValue(new org.hl7.fhir.r4.model.StringType(v)));
        } else if (!r.details().isEmpty()) {
            AuditEvent.AuditEventEntityComponent facts = ae.addEntity()
                    .setType(new Coding(ENTITY_TYPE, "4", "Other")).setDescription("event details");
            r.details().forEach((k, v) -> facts.addDetail().setType(k).setValue(new org.hl7.fhir.r4.model.StringType(v)));
        }
        if (r.requestId() != null) {
            ae.addEntity().setWhat(new Reference().setIdentifier(new Identifier().setValue(r.requestId())))
                    .setType(new Coding(BALP, "XrequestId", "X-Request-Id"));
        }
        return ae;
    }

    private static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept(new Coding(system, code, display));
    }
}
