package org.medgo.deidentify.fhir;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/** A Chinese inpatient bundle built in code, with PHI in every place the rules must reach. */
final class ClinicalBundles {
    static final List<String> PHI = List.of("张伟", "13812345678", "11010519491231002X", "ZY20240315", "建国路88号",
            "李娜", "王建国", "zhangwei@example.com", "BL-778899", "SN-PM-556677", "1949-12-31", "2024-03-05",
            "朝阳区", "北京协和医院", "13900001111", "MZ8899001", "赵敏");

    private ClinicalBundles() {
    }

    static Bundle inpatient() {
        Patient p = new Patient();
        p.setId("pat-1");
        p.addIdentifier(new Identifier().setSystem("urn:oid:2.16.156.10011.1.12").setValue("ZY20240315")
                .setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", null))));
        p.addIdentifier(new Identifier().setSystem("urn:oid:2.16.156.10011.1.3").setValue("11010519491231002X"));
        p.addName(new HumanName().setFamily("张").addGiven("伟"));
        p.addTelecom(new ContactPoint().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("13812345678"));
        p.addTelecom(new ContactPoint().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue("zhangwei@example.com"));
        p.setGender(Enumerations.AdministrativeGender.MALE);
        p.setBirthDateElement(new DateType("1949-12-31"));
        p.addAddress(new Address().addLine("建国路88号3单元502室").setDistrict("朝阳区").setCity("北京市").setState("北京")
                .setPostalCode("100022").setCountry("CN"));
        p.addContact().setName(new HumanName().setText("赵敏")).addTelecom(new ContactPoint().setValue("13900001111"));
        p.addExtension(new Extension("http://example.org/fhir/StructureDefinition/nickname", new StringType("患者张伟的小名叫伟伟")));
        p.setText(new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED));
        p.getText().setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>姓名：<b>张伟</b></p><p>电话 13812345678</p></div>");

        Practitioner doc = new Practitioner();
        doc.setId("prac-1");
        doc.addName(new HumanName().setFamily("李").addGiven("娜"));
        doc.addIdentifier(new Identifier().setValue("110440000123456"));

        Encounter enc = new Encounter();
        enc.setId("enc-1");
        enc.addIdentifier(new Identifier().setValue("MZ8899001"));
        enc.setStatus(Encounter.EncounterStatus.FINISHED);
        enc.setSubject(new Reference("Patient/pat-1").setDisplay("张伟"));
        enc.setPeriod(new Period().setStartElement(new DateTimeType("2024-03-05T08:30:00+08:00"))
                .setEndElement(new DateTimeType("2024-03-15T10:00:00+08:00")));
        enc.setServiceProvider(new Reference("Organization/org-1").setDisplay("北京协和医院"));

        Observation glucose = new Observation();
        glucose.setId("obs-1");
        glucose.setStatus(Observation.ObservationStatus.FINAL);
        glucose.setCode(new CodeableConcept(new Coding("http://loinc.org", "2345-7", "Glucose [Mass/volume] in Serum or Plasma")));
        glucose.setSubject(new Reference("Patient/pat-1"));
        glucose.setEffective(new DateTimeType("2024-03-06T07:00:00+08:00"));
        glucose.setValue(new Quantity().setValue(6.5).setUnit("mmol/L").setSystem("http://unitsofmeasure.org").setCode("mmol/L"));
        glucose.addNote().setText("空腹血糖6.5mmol/L，由王建国医生复核，电话13812345678");

        Observation age = new Observation();
        age.setId("obs-age");
        age.setStatus(Observation.ObservationStatus.FINAL);
        age.setCode(new CodeableConcept(new Coding("http://loinc.org", "30525-0", "Age")));
        age.setSubject(new Reference("Patient/pat-1"));
        age.setValue(new Quantity().setValue(94).setUnit("a"));

        MedicationRequest med = new MedicationRequest();
        med.setId("med-1");
        med.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        med.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        med.setSubject(new Reference("Patient/pat-1"));
        med.setMedication(new CodeableConcept(new Coding("http://www.whocc.no/atc", "B01AC06", "aspirin")).setText("阿司匹林肠溶片"));
        med.addDosageInstruction().setText("100mg qd 口服");

        DiagnosticReport report = new DiagnosticReport();
        report.setId("dr-1");
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.setCode(new CodeableConcept(new Coding("http://loinc.org", "24627-2", "Chest CT")));
        report.setSubject(new Reference("Patient/pat-1"));
        report.setConclusion("右肺上叶结节，建议3个月后复查。报告医师：李娜，2024年3月7日");
        org.hl7.fhir.r4.model.Device device = new org.hl7.fhir.r4.model.Device();
        device.setId("dev1");
        device.setSerialNumber("SN-PM-556677");
        report.addContained(device);

        DocumentReference note = new DocumentReference();
        note.setId("doc-1");
        note.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        note.setSubject(new Reference("Patient/pat-1"));
        note.addContent().setAttachment(new Attachment().setContentType("text/plain; charset=utf-8")
                .setData(("入院记录\n患者张伟，男，74岁，住院号：ZY20240315，于2024-03-05入院。身份证号11010519491231002X。"
                        + "家住北京市朝阳区建国路88号3单元502室。联系人：赵敏（女儿）13900001111。医保卡号：BL-778899。"
                        + "起搏器序列号：SN-PM-556677。主诉：胸闷3天。ICD-10 I20.0，阿司匹林100mg qd，LDL-C 3.2mmol/L。")
                        .getBytes(StandardCharsets.UTF_8)));

        Bundle b = new Bundle();
        b.setType(Bundle.BundleType.COLLECTION);
        for (Resource r : List.of(p, doc, enc, glucose, age, med, report, note)) {
            b.addEntry().setFullUrl("http://ehr.example.org/fhir/" + r.fhirType() + "/" + r.getIdElement().getIdPart()).setResource(r);
        }
        return b;
    }
}
