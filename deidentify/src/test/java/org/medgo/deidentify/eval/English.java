package org.medgo.deidentify.eval;

import static org.medgo.deidentify.eval.SyntheticCorpus.dateEn;
import static org.medgo.deidentify.eval.SyntheticCorpus.digits;
import static org.medgo.deidentify.eval.SyntheticCorpus.ipv4;
import static org.medgo.deidentify.eval.SyntheticCorpus.letters;
import static org.medgo.deidentify.eval.SyntheticCorpus.pick;

import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import org.medgo.deidentify.PhiType;

/** English note generator. */
final class English {
    // About a third of these are NOT in the detector's dictionaries: they can only be found through cues.
    static final List<String> GIVEN = List.of("John", "Mary", "Robert", "Linda", "Michael", "Susan", "David", "Karen", "James",
            "Emily", "Thaddeus", "Imogen", "Caspian", "Oluwaseun", "Saoirse", "Dmitri", "Anneliese", "Bartholomew", "Xiomara",
            "Ignatius", "Priya", "Wei", "Fatima", "Hiroshi", "Lucia", "Ezekiel", "Marisol", "Tobias", "Greta", "Rafferty");
    static final List<String> SURNAMES = List.of("Smith", "Johnson", "Garcia", "Miller", "Nguyen", "Patel", "Kim", "Chen",
            "Okafor", "Nakashima", "Delacroix", "Abernathy", "Vukovic", "Lindqvist", "Oyelaran", "Castellanos", "Kowalczyk",
            "Haddad", "Mensah", "Papadopoulos", "Achterberg", "Quiroga", "Thorsen", "Zielinski", "Bhattacharya", "O'Connor",
            "McAllister", "Fitzgerald", "Brennan", "Whitfield");
    static final List<String> STREETS = List.of("Oak", "Maple", "Cedar", "Elm", "Washington", "Lakeview", "Hillcrest", "Sunset",
            "Pinecrest", "Willow Creek", "Main", "Highland");
    static final List<String> STREET_TYPES = List.of("Street", "St.", "Avenue", "Ave", "Road", "Rd", "Drive", "Lane", "Blvd", "Court");
    static final List<String> CITIES = List.of("Springfield", "Riverside", "Fairview", "Madison", "Georgetown", "Clinton",
            "Salem", "Ashland", "Oakland", "Burlington");
    static final List<String> STATES = List.of("IL", "CA", "TX", "NY", "OH", "MA", "WA", "GA", "PA", "MI");
    static final List<String> ORGS = List.of("Riverside Memorial Hospital", "St. Mary's Hospital", "Fairview General Hospital",
            "Lakeside Medical Center", "Mercy Health Center", "Good Samaritan Hospital", "Springfield Clinic",
            "Northwestern Memorial Hospital", "Saint Luke's Medical Center");
    static final List<String> HARD_NEGATIVES = List.of("Metformin 500 mg bid", "aspirin 81 mg daily", "HbA1c 7.2%", "BP 132/84",
            "Na 138 mmol/L", "ICD-10 E11.9", "LOINC 2345-7", "GOLD 2023", "NYHA class II", "Parkinson disease", "Murphy's sign",
            "Glasgow Coma Scale 15", "Troponin I 0.04 ng/mL", "ejection fraction 45%", "Apgar 8/9", "Hodgkin lymphoma",
            "Foley catheter", "CHA2DS2-VASc score 3", "heparin 5000 units SC q8h", "0.9% NaCl 500 mL", "3.5 cm mass",
            "T2DM since 2015", "Crohn's disease", "Bell's palsy", "WBC 12.5 x10^9/L", "creatinine 1.2 mg/dL", "INR 2.4",
            "ACC/AHA 2019 guideline", "lisinopril 10 mg PO daily", "potassium 4.1 mEq/L", "Wilson disease", "Graves disease");

    private English() {
    }

    static String name(Random r) {
        return pick(r, GIVEN) + " " + pick(r, SURNAMES);
    }

    static String phone(Random r) {
        String a = digits(r, 3), b = digits(r, 3), c = String.format("%04d", r.nextInt(10000));
        return switch (r.nextInt(5)) {
            case 0 -> "(" + a + ") " + b + "-" + c;
            case 1 -> a + "-" + b + "-" + c;
            case 2 -> a + "." + b + "." + c;
            case 3 -> "+1 " + a + " " + b + " " + c;
            default -> "1-" + a + "-" + b + "-" + c;
        };
    }

    static String address(Random r) {
        String s = (1 + r.nextInt(9899)) + " " + pick(r, STREETS) + " " + pick(r, STREET_TYPES);
        if (r.nextBoolean()) {
            s += ", Apt " + (1 + r.nextInt(40)) + letters(r, 1);
        }
        return s + ", " + pick(r, CITIES) + ", " + pick(r, STATES) + " " + String.format("%05d", r.nextInt(99999));
    }

    static String email(Random r, String name) {
        String[] p = name.toLowerCase().replace("'", "").split(" ");
        String[] domains = {"example.com", "mail.example.org", "clinic-mail.net", "outlook.example", "uni.example.edu"};
        return (r.nextBoolean() ? p[0] + "." + p[1] : p[0].charAt(0) + p[1] + r.nextInt(100)) + "@" + domains[r.nextInt(domains.length)];
    }

    static LabelledNote note(Random r, String id) {
        NoteBuilder b = new NoteBuilder();
        String patient = name(r);
        String last = patient.substring(patient.indexOf(' ') + 1);
        String doctor = name(r);
        String doctorLast = doctor.substring(doctor.indexOf(' ') + 1);
        switch (r.nextInt(4)) {
            case 0 -> b.t("Patient: ").p(PhiType.NAME, patient).t("\nDOB: ").p(PhiType.DATE, dateEn(r)).t("\nMRN: ")
                    .p(PhiType.MRN, digits(r, 7 + r.nextInt(3))).t("\n");
            case 1 -> b.t("Name: ").p(PhiType.NAME, patient).t("  MR# ").p(PhiType.MRN, letters(r, 1) + digits(r, 7))
                    .t("  Admission date: ").p(PhiType.DATE, dateEn(r)).t("\n");
            case 2 -> b.t("DISCHARGE SUMMARY\nPatient name: ").p(PhiType.NAME, patient).t("; Medical Record Number: ")
                    .p(PhiType.MRN, digits(r, 8)).t("; date of birth ").p(PhiType.DATE, dateEn(r)).t(".\n");
            default -> b.t("Pt: ").p(PhiType.NAME, patient).t(", MRN ").p(PhiType.MRN, "MR" + digits(r, 6)).t(", seen on ")
                    .p(PhiType.DATE, dateEn(r)).t(".\n");
        }
        List<BiConsumer<NoteBuilder, Random>> sentences = List.of(
                (nb, x) -> nb.t("Mr. ").p(PhiType.NAME, last).t(" is a ").p(PhiType.AGE, (90 + x.nextInt(15)) + "-year-old")
                        .t(" man with ").keep(pick(x, HARD_NEGATIVES)).t(" who presented with chest pain.\n"),
                (nb, x) -> nb.t("Mrs. ").p(PhiType.NAME, last).t(", a 67-year-old woman, was started on ").keep(pick(x, HARD_NEGATIVES)).t(".\n"),
                (nb, x) -> nb.t("Seen by Dr. ").p(PhiType.NAME, doctor).t(" at ").p(PhiType.ORGANIZATION, pick(x, ORGS)).t(" on ")
                        .p(PhiType.DATE, dateEn(x)).t(".\n"),
                (nb, x) -> nb.t("Contact: daughter ").p(PhiType.NAME, name(x)).t(", phone ").p(PhiType.PHONE, phone(x)).t(".\n"),
                (nb, x) -> nb.t("Home phone ").p(PhiType.PHONE, phone(x)).t("; e-mail ").p(PhiType.EMAIL, email(x, patient)).t(".\n"),
                (nb, x) -> nb.t("Lives at ").p(PhiType.ADDRESS, address(x)).t(" with his wife.\n"),
                (nb, x) -> nb.t("Address: ").p(PhiType.ADDRESS, address(x)).t("\n"),
                (nb, x) -> nb.t("SSN: ").p(PhiType.SSN, digits(x, 3) + "-" + String.format("%02d", 1 + x.nextInt(98)) + "-"
                        + String.format("%04d", 1 + x.nextInt(9998))).t(". Insurance ID: ").p(PhiType.INSURANCE, letters(x, 3) + digits(x, 9)).t(".\n"),
                (nb, x) -> nb.t("Member ID ").p(PhiType.INSURANCE, letters(x, 2) + digits(x, 8)).t(", Account No. ")
                        .p(PhiType.ACCOUNT, digits(x, 10)).t(".\n"),
                (nb, x) -> nb.t("Pacemaker Serial No. ").p(PhiType.DEVICE, "SN-" + digits(x, 4) + "-" + letters(x, 2))
                        .t(" interrogated; ").keep(pick(x, HARD_NEGATIVES)).t(".\n"),
                (nb, x) -> nb.t("Portal: ").p(PhiType.URL, "https://portal.example.org/patients/" + digits(x, 6)).t(" (login from ")
                        .p(PhiType.IP, ipv4(x)).t(").\n"),
                (nb, x) -> nb.t("Labs: ").keep(pick(x, HARD_NEGATIVES)).t(", ").keep(pick(x, HARD_NEGATIVES)).t(". Repeat on ")
                        .p(PhiType.DATE, dateEn(x)).t(".\n"),
                (nb, x) -> nb.t("Assessment: ").keep(pick(x, HARD_NEGATIVES)).t("; continue ").keep(pick(x, HARD_NEGATIVES)).t(".\n"),
                (nb, x) -> nb.t("Driver's License No. ").p(PhiType.LICENSE, letters(x, 1) + digits(x, 7)).t(" on file.\n"),
                (nb, x) -> nb.t("Discussed with ").p(PhiType.NAME, name(x)).t(" (interpreter). ").p(PhiType.NAME, last)
                        .t(" agrees with the plan.\n"),
                (nb, x) -> nb.t("Patient is ").p(PhiType.AGE, String.valueOf(90 + x.nextInt(12))).t(" years old; aged parents deceased. ")
                        .keep(pick(x, HARD_NEGATIVES)).t(".\n"),
                (nb, x) -> nb.t("Follow-up with Dr. ").p(PhiType.NAME, doctorLast).t(" in 2 weeks; call ").p(PhiType.PHONE, phone(x)).t(".\n"),
                (nb, x) -> nb.t("Transferred from ").p(PhiType.ORGANIZATION, pick(x, ORGS)).t(" by ambulance.\n"),
                // No cue at all but the verb: a visitor named out of the blue.
                (nb, x) -> nb.p(PhiType.NAME, name(x)).t(pick(x, List.of(" visited this afternoon.\n", " called to ask about discharge.\n",
                        " brought the medication list.\n"))),
                (nb, x) -> nb.t("Her neighbour ").p(PhiType.NAME, name(x)).t(" found her on the floor; ").keep(pick(x, HARD_NEGATIVES)).t(".\n"));
        SyntheticCorpus.shuffled(r, b, sentences, 6 + r.nextInt(5));
        b.t("Electronically signed by ").p(PhiType.NAME, doctor).t(", MD on ").p(PhiType.DATE, dateEn(r)).t("\n");
        return b.build(id, "en");
    }
}
