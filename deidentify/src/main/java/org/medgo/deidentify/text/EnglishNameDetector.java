package org.medgo.deidentify.text;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medgo.deidentify.PhiType;

/**
 * English personal names: after a title (Dr., Mrs. ...), after a role or label (Patient:, seen by,
 * signed by, daughter ...), "Given Surname" where the given name is in the dictionary, and
 * "SURNAME, GIVEN". Eponyms (Parkinson disease, Murphy's sign) are not names.
 */
final class EnglishNameDetector implements Detector {
    private static final String NAME_WORD = "(?:O'|Mc|Mac|D')?[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?";
    private static final String FULL_NAME = NAME_WORD + "(?:[ \\t]+[A-Z](?:\\.|(?=[ \\t])))?(?:[ \\t]+(?:van |de |von |da |del |di |le |la )?" + NAME_WORD + "){0,2}\\b";
    private static final Pattern TITLE = Pattern.compile(
            "\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Doctor|Nurse|Sister|Rev)\\.?\\s+(" + FULL_NAME + ")");
    private static final String CUES = "patient name|patient|pt|name|seen by|seen with|attending|attending physician|physician|surgeon|resident|intern|fellow|nurse|signed by|electronically signed by|dictated by|transcribed by|referred by|referring physician|referring provider|provider|PCP|primary care physician|cc|contact|emergency contact|next of kin|NOK|son|daughter|wife|husband|mother|father|brother|sister|spouse|partner|guardian|caregiver|friend|neighbor|neighbour|informant|interpreter|accompanied by|discussed with|d/w";
    private static final Pattern CONTEXT = Pattern.compile("\\b(?i:" + CUES + ")\\b[ \\t]*[:\\-,]?[ \\t]+(" + FULL_NAME + ")");
    private static final Pattern CAP_SEQUENCE = Pattern.compile(
            "(?=[A-Z])\\b(" + NAME_WORD + ")(?:[ \\t]+([A-Z])(?:\\.|(?=[ \\t])))?[ \\t]+(" + NAME_WORD + ")\\b");
    /** Two capitalised words doing what people do: "Thaddeus Okafor called ...". */
    private static final Pattern PERSON_VERB = Pattern.compile(
            "(?=[A-Z])\\b(" + NAME_WORD + "[ \\t]+" + NAME_WORD + ")[ \\t]+(?:visited|called|phoned|brought|came|found|says|said|states|stated|"
            + "reports|reported|agrees|agreed|denies|denied|signed|consented|declined|requested|asked|was here|is aware)\\b");
    private static final Pattern LAST_FIRST = Pattern.compile("(?=[A-Z])\\b([A-Z][A-Za-z'’-]+),\\s*([A-Z][A-Za-z]+)(?:\\s+[A-Z]\\.?)?\\b");
    static final Pattern CLINICAL_AFTER = Pattern.compile(
            "(?:'s|’s|s'|')?\\s+(?i:disease|syndrome|sign|score|scale|criteria|classification|grade|test|stain|procedure|operation|"
            + "catheter|monitor|point|triad|law|palsy|sarcoma|lymphoma|ulcer|esophagus|reflex|maneuver|manoeuvre|fundoplication|"
            + "anastomosis|tube|node|phenomenon|disorder|thyroiditis|encephalopathy|fracture|position|incision|forceps|retractor|"
            + "hernia|method|formula|equation|index|type|stage|block|valve|shunt|pouch|negative|positive|ultrasound|chart|stockings|rule|"
            + "rules|technique|approach|repair|flap|view|solution|needle|drain|spots|nodes|nodules|bodies|cells|fibers|staging|ratio|"
            + "pentad|reaction|effect|exam|examination|protocol|regimen|diet|questionnaire|inventory|tumor|tumour|cell|fistula|cyst|"
            + "diverticulum|contracture|deformity|body|bodies|pearls|nodule|murmur|test's|maneuvre|"
            // anatomy and lesions named after people ("Achilles tendon", "Todd's paralysis", "Philadelphia chromosome")
            + "paralysis|ataxia|dystrophy|gangrene|oesophagus|chromosome|malformation|anomaly|tendon|ligament|gland|duct|canal|"
            + "nerve|artery|plexus|dermopathy|leukocidin|leucocidin|curves?|regression|correlation|coefficient|estimator)\\b");
    /** Capitalised words that a cue may precede but that are not names. */
    private static final Set<String> NOT_NAMES = Set.copyOf(java.util.Arrays.asList("The", "This", "That", "He", "She", "They", "His", "Her", "Patient",
            "Is", "Was", "Has", "Had", "Denies", "Reports", "Reported", "History", "Admitted", "No", "Not", "Yes", "None", "Unknown",
            "Male", "Female", "Mr", "Mrs", "Ms", "Dr", "Who", "With", "And", "Of", "In", "On", "At", "To", "For", "By", "As", "A",
            "An", "It", "Pain", "Blood", "Chest", "Left", "Right", "Bilateral", "Normal", "Negative", "Positive", "Stable", "Alert",
            "Oriented", "Presents", "Presented", "Complains", "States", "Today", "Tomorrow", "Yesterday", "Monday", "Tuesday",
            "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Emergency", "Department", "Hospital", "Clinic", "Service",
            "Team", "Medicine", "Surgery", "Cardiology", "Oncology", "Neurology", "Radiology", "Pathology", "Pharmacy", "Family",
            "Room", "Bed", "Ward", "Unit", "Floor", "Note", "Plan", "Assessment", "Diagnosis", "Impression", "Follow", "Return",
            "Continue", "Start", "Stop", "Discharge", "Medications", "Allergies", "Vitals", "Labs", "Exam", "Physical", "General",
            "Chief", "Complaint", "Present", "Illness", "Past", "Medical", "Social", "Review", "Systems", "Signed", "Electronically",
            "Name", "Age", "Sex", "Date", "Time", "Phone", "Address", "Email", "Insurance", "Member", "Account", "Record", "Number",
            "Type", "Diabetes", "Hypertension", "Heart", "Failure", "Acute", "Chronic", "Severe", "Mild", "Moderate", "Status",
            "Post", "Pre", "Will", "Should", "Can", "May", "Also", "Then", "Per", "Via", "Given", "See", "Seen", "Call", "Called",
            "January", "February", "March", "April", "June", "July", "August", "September", "October", "November", "December"));

    private static final KeywordIndex CUE_TRIGGERS = KeywordIndex.fromAlternation(CUES, true);
    private static final KeywordIndex TITLE_TRIGGERS = KeywordIndex.fromAlternation(
            "Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Doctor|Nurse|Sister|Rev", false);
    private final Dictionaries dict;

    EnglishNameDetector(Dictionaries dictionaries) {
        this.dict = dictionaries;
    }

    @Override
    public void detect(String text, Language language, List<Span> out) {
        if (!language.english()) {
            return;
        }
        TITLE_TRIGGERS.forEachMatch(text, TITLE, k -> addName(text, k.start(1), k.end(1), out, false));
        CUE_TRIGGERS.forEachMatch(text, CONTEXT, k -> addName(text, k.start(1), k.end(1), out, false));
        Matcher m = CAP_SEQUENCE.matcher(text);
        while (m.find()) {
            String first = m.group(1);
            String last = m.group(3);
            // "the South West", "North Carolina": a region Safe Harbor keeps, whatever names its words are
            boolean region = EnglishLexicon.standard().regions.contains(first + " " + last);
            if (region) {
                m.region(m.start(3), text.length());
                continue;
            }
            if (dict.enGiven().contains(first) && !NOT_NAMES.contains(last)
                    || dict.enSurnames().contains(last) && dict.enGiven().contains(first)) {
                addName(text, m.start(), m.end(), out, true);
            } else if (dict.enSurnames().contains(last) && !NOT_NAMES.contains(first) && !dict.eponyms().contains(last)
                    && first.length() > 2 && !isSentenceStartWord(text, m.start(1))) {
                addName(text, m.start(), m.end(), out, true);
            }
            m.region(m.start(3), text.length());
        }
        m = PERSON_VERB.matcher(text);
        while (m.find()) {
            String[] w = m.group(1).split("[ \\t]+");
            if (!NOT_NAMES.contains(w[0]) && !NOT_NAMES.contains(w[1]) && !dict.eponyms().contains(w[1]) && !(ordinary(w[0]) && ordinary(w[1]))) {
                addName(text, m.start(1), m.end(1), out, false);
            }
        }
        m = LAST_FIRST.matcher(text);
        while (m.find()) {
            String last = cap(m.group(1));
            String first = cap(m.group(2));
            if (dict.enSurnames().contains(last) && (dict.enGiven().contains(first) || m.group(1).equals(m.group(1).toUpperCase()))
                    || dict.enGiven().contains(first) && dict.enSurnames().contains(last)) {
                out.add(new Span(m.start(), m.end(), PhiType.NAME));
            }
        }
    }

    /** "Rapid Response called": an everyday word that no name list has is no name, even before a person verb. */
    private static boolean ordinary(String w) {
        EnglishLexicon lex = EnglishLexicon.standard();
        return lex.safe.contains(w) && !lex.names.contains(w) && !lex.places.contains(w);
    }

    private void addName(String text, int start, int end, List<Span> out, boolean dictionaryOnly) {
        String name = text.substring(start, end);
        String[] words = name.split("\\s+");
        // Trim trailing words that are clearly not part of the name ("Dr. Smith Reports ...").
        int keep = words.length;
        while (keep > 0 && NOT_NAMES.contains(words[keep - 1])) {
            keep--;
        }
        if (keep == 0 || NOT_NAMES.contains(words[0])) {
            return;
        }
        if (keep < words.length) {
            end = start + name.indexOf(words[keep - 1], words[0].length() > 0 ? 0 : 0) + words[keep - 1].length();
            int idx = 0;
            int pos = start;
            for (int i = 0; i < keep; i++) {
                idx = text.indexOf(words[i], pos);
                pos = idx + words[i].length();
            }
            end = pos;
        }
        String lastWord = words[keep - 1];
        if (keep == 1 && dict.eponyms().contains(lastWord) && end < text.length() && text.substring(end).matches("(?s)\\s*\\d.*")) {
            return;
        }
        if (dict.eponyms().contains(lastWord.replaceAll("['’]s?$", "")) && CLINICAL_AFTER.matcher(text).region(end, text.length()).lookingAt()) {
            return;
        }
        out.add(new Span(start, end, PhiType.NAME));
    }

    private static boolean isSentenceStartWord(String text, int pos) {
        int i = pos - 1;
        while (i >= 0 && text.charAt(i) == ' ') {
            i--;
        }
        return i < 0 || ".!?\n:".indexOf(text.charAt(i)) >= 0;
    }

    private static String cap(String s) {
        return s.length() <= 1 ? s : s.charAt(0) + s.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
