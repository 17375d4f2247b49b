package org.medgo.gateway.operations;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.hl7.fhir.r4.model.*;

/**
 * Synthea-style record Bundles (Patient, Encounter, Conditions, Observations, medications, a free-text
 * note naming the patient, a DiagnosticReport), in English or Chinese, seeded: the same seed gives the
 * same record. The identifiers are the ones a test then looks for in what reached the model.
 */
public final class SyntheticRecords {

    /** The EMR the records come from: their entries' fullUrls are absolute to it. */
    public static final String EMR_BASE = "http://emr.example.org/fhir/";

    /** A generated record and the identifying values it contains. */
    public record Record(Bundle bundle, String patientId, String encounterId, String reportId, List<String> identifiers) {}

    private static final String[][] EN_NAMES = {{"Margaret", "Thornton"}, {"Oliver", "Hastings"}, {"Eleanor", "Whitfield"}, {"Samuel", "Okafor"}};
    private static final String[][] ZH_NAMES = {{"伟", "张"}, {"秀英", "王"}, {"建国", "李"}, {"丽娟", "陈"}};

    private SyntheticRecords() {}

    public static Record english(long seed, boolean inpatientFinished) {
        return build(seed, false, inpatientFinished);
    }

    public static Record chinese(long seed, boolean inpatientFinished) {
        return build(seed, true, inpatientFinished);
    }

    private static Record build(long seed, boolean zh, boolean inpatientFinished) {
        Random rnd = new Random(seed);
        String[] name = (zh ? ZH_NAMES : EN_NAMES)[rnd.nextInt(4)];
        String patientId = "pat-" + (1000 + rnd.nextInt(9000));
        String encounterId = "enc-" + (1000 + rnd.nextInt(9000));
        String reportId = "rep-" + (1000 + rnd.nextInt(9000));
        String mrn = "MRN" + (100000 + rnd.nextInt(900000));
        String phone = zh ? "138" + (10000000 + rnd.nextInt(89999999)) : "617-555-" + (1000 + rnd.nextInt(9000));
        String street = zh ? "朝阳区建国路" + (10 + rnd.nextInt(80)) + "号" : (100 + rnd.nextInt(800)) + " Beacon Street";
        String birth = (1940 + rnd.nextInt(50)) + "-0" + (1 + rnd.nextInt(9)) + "-1" + rnd.nextInt(10);
        String fullName = zh ? name[1] + name[0] : name[0] + " " + name[1];

        Bundle b = new Bundle().setType(Bundle.BundleType.COLLECTION);
        Patient p = new Patient();
        p.setId(patientId);
        p.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.19.5").setValue(mrn);
        p.addName().setFamily(name[1]).addGiven(name[0]).setText(fullName);
        p.setGender(rnd.nextBoolean() ? Enumerations.AdministrativeGender.FEMALE : Enumerations.AdministrativeGender.MALE);
        p.setBirthDateElement(new DateType(birth));
        p.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(phone);
        p.addAddress().addLine(street).setCity(zh ? "北京" : "Boston").setPostalCode(zh ? "100022" : "02108").setCountry(zh ? "CN" : "US");
        p.addCommunication().setPreferred(true).getLanguage().addCoding()
                .setSystem("urn:ietf:bcp:47").setCode(zh ? "zh-CN" : "en-US");
        add(b, p);

        Encounter e = new Encounter();
        e.setId(encounterId);
        e.setStatus(inpatientFinished ? Encounter.EncounterStatus.FINISHED : Encounter.EncounterStatus.INPROGRESS);
        e.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", inpatientFinished ? "IMP" : "AMB",
                inpatientFinished ? "inpatient encounter" : "ambulatory"));
        e.setSubject(new Reference("Patient/" + patientId));
        e.getPeriod().setStartElement(new DateTimeType("2024-03-0" + (1 + rnd.nextInt(5)) + "T08:30:00+08:00"));
        if (inpatientFinished) e.getPeriod().setEndElement(new DateTimeType("2024-03-12T10:00:00+08:00"));
        e.addReasonCode().setText(zh ? "胸痛伴气促" : "chest pain and shortness of breath");
        add(b, e);

        Condition c = new Condition();
        c.setId("cond-" + seed);
        c.setSubject(new Reference("Patient/" + patientId));
        c.setEncounter(new Reference("Encounter/" + encounterId));
        c.setClinicalStatus(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active")));
        c.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "38341003", "Hypertensive disorder")).setText(zh ? "高血压" : "Hypertension"));
        add(b, c);

        add(b, observation("obs-hr-" + seed, patientId, encounterId, "8867-4", "Heart rate", 70 + rnd.nextInt(50), "/min"));
        add(b, observation("obs-trop-" + seed, patientId, encounterId, "6598-7", "Troponin T", 0.01 + rnd.nextInt(50) / 100.0, "ng/mL"));

        MedicationRequest m = new MedicationRequest();
        m.setId("med-" + seed);
        m.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        m.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        m.setSubject(new Reference("Patient/" + patientId));
        m.setMedication(new CodeableConcept().setText(zh ? "阿司匹林 100mg" : "Aspirin 100 mg"));
        m.addDosageInstruction().setText(zh ? "每日一次，口服" : "once daily by mouth");
        add(b, m);

        String note = zh
                ? "患者" + fullName + "，病历号" + mrn + "，于2024年3月2日因胸痛入院。联系电话" + phone + "。住址" + street + "。查体血压160/95mmHg。"
                : "Patient " + fullName + " (MRN " + mrn + ") was admitted on March 2, 2024 with chest pain. Phone " + phone
                        + ". Lives at " + street + ". Blood pressure 160/95 mmHg on admission.";
        DocumentReference doc = new DocumentReference();
        doc.setId("note-" + seed);
        doc.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        doc.setSubject(new Reference("Patient/" + patientId));
        doc.setDescription(zh ? "入院记录" : "Admission note");
        doc.addContent().getAttachment().setContentType("text/plain; charset=utf-8").setData(note.getBytes(StandardCharsets.UTF_8));
        add(b, doc);

        DiagnosticReport r = new DiagnosticReport();
        r.setId(reportId);
        r.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        r.setCode(new CodeableConcept(new Coding("http://loinc.org", "11524-6", "EKG study")));
        r.setSubject(new Reference("Patient/" + patientId));
        r.setEncounter(new Reference("Encounter/" + encounterId));
        r.setConclusion(zh ? "窦性心动过速，ST段压低" : "Sinus tachycardia with ST depression in V4-V6");
        add(b, r);

        return new Record(b, patientId, encounterId, reportId,
                List.of(mrn, phone, street, birth, name[1] + (zh ? name[0] : ""), zh ? fullName : name[1]));
    }

    private static Observation observation(String id, String patientId, String encounterId, String loinc, String display, double value, String unit) {
        Observation o = new Observation();
        o.setId(id);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setCode(new CodeableConcept(new Coding("http://loinc.org", loinc, display)));
        o.setSubject(new Reference("Patient/" + patientId));
        o.setEncounter(new Reference("Encounter/" + encounterId));
        o.setEffective(new DateTimeType("2024-03-02T09:00:00+08:00"));
        o.setValue(new Quantity().setValue(value).setUnit(unit).setSystem("http://unitsofmeasure.org").setCode(unit));
        return o;
    }

    private static void add(Bundle b, Resource r) {
        b.addEntry().setFullUrl(EMR_BASE + r.fhirType() + "/" + r.getIdPart()).setResource(r);
    }
}
