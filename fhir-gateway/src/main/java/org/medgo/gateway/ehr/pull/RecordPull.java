package org.medgo.gateway.ehr.pull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.medgo.gateway.ehr.EhrClient;
import org.medgo.gateway.ehr.EhrConnection;
import org.medgo.gateway.operations.pipeline.OperationKind;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.springframework.stereotype.Component;

/**
 * Reads what an operation needs from the EMR: the focal Encounter or DiagnosticReport, its Patient, and the
 * encounter's context — Conditions, Observations, MedicationRequests, Procedures, DiagnosticReports and
 * DocumentReferences of the encounter, the patient's AllergyIntolerances — every search paged to the end
 * (at most {@code MEDGO_EHR_MAX_RESOURCES_PER_TYPE} per type); text attachments that point at a
 * {@code Binary} are fetched and inlined (at most {@code MEDGO_EHR_MAX_BINARY_BYTES} each).
 */
@Component
public class RecordPull {

    /** Context searched per encounter ({@code encounter=}) and per patient ({@code patient=}). */
    private static final List<String> PER_ENCOUNTER = List.of("Condition", "Observation", "MedicationRequest", "Procedure",
            "DiagnosticReport", "DocumentReference");
    private static final List<String> PER_PATIENT = List.of("AllergyIntolerance");

    private final EhrConnection ehr;

    RecordPull(EhrConnection ehr) {
        this.ehr = ehr;
    }

    public PulledRecord pull(OperationKind kind, String focalId) {
        return pull(ehr.require(), kind, focalId);
    }

    public PulledRecord pull(EhrClient client, OperationKind kind, String focalId) {
        Map<String, Resource> resources = new LinkedHashMap<>();
        Resource focal = client.read(kind.focus(), focalId);
        add(resources, focal);
        Reference subject = focal instanceof Encounter e ? e.getSubject() : ((DiagnosticReport) focal).getSubject();
        Reference encounterRef = focal instanceof Encounter ? new Reference("Encounter/" + focalId)
                : ((DiagnosticReport) focal).getEncounter();
        if (subject == null || !subject.getReferenceElement().getResourceType().equals("Patient")) {
            throw new UnprocessableEntityException(kind.focus().getSimpleName() + "/" + focalId + " has no Patient subject in the EMR");
        }
        String patientId = subject.getReferenceElement().getIdPart();
        add(resources, client.read(Patient.class, patientId));
        int limit = ehr.maxResourcesPerType();
        if (focal instanceof DiagnosticReport report) {
            if (encounterRef != null && encounterRef.hasReference()) {
                add(resources, client.read(Encounter.class, encounterRef.getReferenceElement().getIdPart()));
            }
            List<String> results = report.getResult().stream().map(r -> r.getReferenceElement().getIdPart()).toList();
            if (!results.isEmpty()) {
                client.searchAll("Observation", "_id=" + String.join(",", results), limit).forEach(r -> add(resources, r));
            }
        }
        if (encounterRef != null && encounterRef.hasReference()) {
            String encounter = "Encounter/" + encounterRef.getReferenceElement().getIdPart();
            for (String type : PER_ENCOUNTER) {
                client.searchAll(type, "encounter=" + encounter, limit).forEach(r -> add(resources, r));
            }
        }
        for (String type : PER_PATIENT) {
            client.searchAll(type, "patient=Patient/" + patientId, limit).forEach(r -> add(resources, r));
        }
        List<String> binaries = inlineAttachments(client, resources.values());

        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        List<String> fetched = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (Resource r : resources.values()) {
            String ref = r.fhirType() + "/" + r.getIdElement().getIdPart();
            bundle.addEntry().setFullUrl(client.base() + "/" + ref).setResource(r);
            String version = r.getMeta().getVersionId();
            fetched.add(version == null ? ref : ref + "/_history/" + version);
            counts.merge(r.fhirType(), 1, Integer::sum);
        }
        fetched.addAll(binaries);
        if (!binaries.isEmpty()) {
            counts.put("Binary", binaries.size());
        }
        return new PulledRecord(bundle, "Patient/" + patientId, fetched, counts);
    }

    private static void add(Map<String, Resource> resources, Resource r) {
        // HAPI's parser keeps the version in the id, not in meta: keep it in meta for the Provenance
        String version = r.getIdElement().getVersionIdPart();
        if (version != null && !r.getMeta().hasVersionId()) {
            r.getMeta().setVersionId(version);
        }
        // the id as the EMR knows it, without base or version: the pipeline refers to the real Patient by it
        r.setIdElement(r.getIdElement().toUnqualifiedVersionless());
        resources.putIfAbsent(r.fhirType() + "/" + r.getIdElement().getIdPart(), r);
    }

    /** Text attachments given as a link to a Binary on the EMR are fetched and carried inline, as a push would. */
    private List<String> inlineAttachments(EhrClient client, Iterable<Resource> resources) {
        List<String> fetched = new ArrayList<>();
        for (Resource r : resources) {
            List<Attachment> attachments = new ArrayList<>();
            if (r instanceof DocumentReference d) {
                d.getContent().forEach(c -> attachments.add(c.getAttachment()));
            } else if (r instanceof DiagnosticReport d) {
                attachments.addAll(d.getPresentedForm());
            }
            for (Attachment a : attachments) {
                String binaryId = binaryId(client.base(), a);
                if (binaryId == null || a.hasData()) {
                    continue;
                }
                Binary binary = client.binary(binaryId);
                byte[] data = binary.getData();
                String type = binary.getContentType() == null ? a.getContentType() : binary.getContentType();
                if (data != null && data.length <= ehr.maxBinaryBytes() && type != null && type.startsWith("text/")) {
                    a.setData(data);
                    a.setContentType(type);
                }
                String version = binary.getMeta().hasVersionId() ? binary.getMeta().getVersionId() : binary.getIdElement().getVersionIdPart();
                fetched.add("Binary/" + binaryId + (version == null ? "" : "/_history/" + version));
            }
        }
        return fetched;
    }

    private static String binaryId(String base, Attachment a) {
        if (!a.hasUrl()) {
            return null;
        }
        String url = a.getUrl();
        if (url.startsWith(base + "/")) {
            url = url.substring(base.length() + 1);
        }
        return url.matches("Binary/[A-Za-z0-9\\-.]{1,64}") ? url.substring("Binary/".length()) : null;
    }
}
