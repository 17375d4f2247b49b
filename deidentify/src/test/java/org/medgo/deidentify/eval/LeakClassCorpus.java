package org.medgo.deidentify.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * Generated notes, one leak class of issue 13 at a time (names with initials and no cue, titled clinicians,
 * facilities and places no list has, identifiers with prefixes and punctuation, dates relative to the
 * patient). Values are drawn at random: names and towns from the shipped lists and from a syllable generator
 * (so that no list knows them), ids in random shapes, all put into random sentence frames in several styles
 * (chart prose, portal messages in lower case, phone logs). A class is fixed when its notes leave nothing,
 * for any seed; the figures are printed by {@code main} and floors are enforced by {@code LeakClassTest}.
 */
final class LeakClassCorpus {
    /** The classes, each with its own frames and values. */
    enum LeakClass {
        NAME_WITH_INITIAL, TITLED_CLINICIAN, PLAIN_NAME, FACILITY, CITY, STRUCTURED_ID, RELATIVE_DATE, MONTH_NAME_DATE
    }

    private static final String TEXT = "/org/medgo/deidentify/text/";
    private static final List<String> LISTED = words("en-person-names.txt");
    private static final Set<String> ORDINARY = safeWords();
    /** Clinical words and eponyms: a town or an acronym spelled like one ("Lyme", "ADH") reads as clinical, so none is drawn. */
    private static final Set<String> CLINICAL = clinicalWords();
    private static final List<String> TOWNS = words("en-places.txt").stream().filter(t -> !CLINICAL.contains(t.toLowerCase(Locale.ROOT))).toList();
    /** Listed names that are no ordinary word, and those that are ("Hope", "Cooper"). */
    private static final List<String> NAMES_ONLY = LISTED.stream().filter(n -> !ORDINARY.contains(n.toLowerCase(Locale.ROOT))).toList();
    private static final List<String> NAMES_ORDINARY = LISTED.stream().filter(n -> ORDINARY.contains(n.toLowerCase(Locale.ROOT))).toList();

    private static final String[] AGES = {"34", "47", "54", "61", "68", "72", "29", "83"};
    private static final String[] DX = {"RA", "lupus", "CHF", "COPD", "T2DM", "afib", "CKD 3b", "migraine", "gout", "asthma",
        "HFrEF", "cirrhosis", "MS", "psoriasis", "OSA", "depression", "hypothyroidism", "DVT"};
    private static final String[] DRUGS = {"metformin", "apixaban", "methotrexate", "lisinopril", "Eliquis", "prednisone",
        "sertraline", "insulin glargine", "Humira", "atorvastatin", "warfarin", "levothyroxine", "Ozempic", "furosemide"};
    private static final String[] SYMPTOMS = {"chest pain", "SOB", "a rash", "dizziness", "cough x5d", "knee swelling",
        "palpitations", "abd pain", "headache", "fatigue", "fever"};
    private static final String[] WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December"};
    private static final String[] MON = {"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"};
    private static final String[] STATES = {"CO", "OH", "TX", "CA", "NY", "WA", "GA", "MN", "Oregon", "Texas", "Florida"};
    private static final String[] SAINTS = {"Agnes", "Jude", "Luke", "Vincent", "Mary", "Joseph", "Elizabeth", "Francis",
        "Anthony", "Catherine", "Rose", "Clare", "Bernard", "Dominic", "Michael", "Theresa", "Alphonsus", "Cloud", "Peter"};

    private LeakClassCorpus() {
    }

    /** {@code n} notes of one class; the same seed gives the same notes. */
    static LabelledCorpus generate(LeakClass leak, int n, long seed) {
        Random r = new Random(seed * 31 + leak.ordinal());
        List<LabelledCorpus.Note> notes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Frame f = switch (leak) {
                case NAME_WITH_INITIAL -> nameWithInitial(r);
                case TITLED_CLINICIAN -> titledClinician(r);
                case PLAIN_NAME -> plainName(r);
                case FACILITY -> facility(r);
                case CITY -> city(r);
                case STRUCTURED_ID -> structuredId(r);
                case RELATIVE_DATE -> relativeDate(r);
                case MONTH_NAME_DATE -> monthNameDate(r);
            };
            notes.add(f.note(leak.name() + "-" + i));
        }
        return new LabelledCorpus(leak.name(), List.copyOf(notes));
    }

    /** A sentence with one slot ({@code @}) for the value; the rest of the sentence is filled at random. */
    private record Frame(String template, String type, String value, Random r) {
        LabelledCorpus.Note note(String id) {
            String t = fill(template, r);
            int at = t.indexOf('@');
            String text = t.substring(0, at) + value + t.substring(at + 1);
            return new LabelledCorpus.Note(id, text, List.of(new LabelledCorpus.Value(at, at + value.length(), type, value)), List.of());
        }
    }

    private static String fill(String t, Random r) {
        return t.replace("{age}", pick(r, AGES)).replace("{dx}", pick(r, DX)).replace("{drug}", pick(r, DRUGS))
                .replace("{sx}", pick(r, SYMPTOMS)).replace("{st}", pick(r, STATES));
    }

    // ---------------------------------------------------------------- names

    /** A given name from the lists (ordinary word or not) or no list at all. */
    private static String given(Random r) {
        int k = r.nextInt(10);
        return k < 5 ? pick(r, NAMES_ONLY) : k < 7 ? pick(r, NAMES_ORDINARY) : invented(r);
    }

    private static String surname(Random r) {
        int k = r.nextInt(12);
        if (k == 0) {
            return given(r) + "-" + given(r);
        }
        if (k == 1) {
            return pick(r, "O'", "Mc", "Mac") + cap(invented(r).toLowerCase(Locale.ROOT));
        }
        return k < 6 ? pick(r, NAMES_ONLY) : k < 8 ? pick(r, NAMES_ORDINARY) : invented(r);
    }

    private static String initial(Random r) {
        return String.valueOf((char) ('A' + r.nextInt(26)));
    }

    private static final String[] ONSETS = {"b", "br", "ch", "d", "dr", "f", "g", "gr", "h", "j", "k", "kh", "l", "m", "n", "p",
        "qu", "r", "s", "sh", "t", "th", "tr", "v", "w", "y", "z", ""};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ei", "ia", "ou", "y"};
    private static final String[] CODAS = {"", "", "n", "r", "l", "s", "th", "nd", "m", "k", "x", "z"};

    /** A pronounceable word of two or three syllables that no list is likely to know ("Tavrelin", "Okumbe"). */
    static String invented(Random r) {
        while (true) {
            StringBuilder sb = new StringBuilder();
            int syllables = 2 + r.nextInt(2);
            for (int i = 0; i < syllables; i++) {
                sb.append(pick(r, ONSETS)).append(pick(r, VOWELS));
                if (i == syllables - 1 || r.nextInt(3) == 0) {
                    sb.append(pick(r, CODAS));
                }
            }
            String w = sb.toString();
            if (w.length() >= 4 && w.length() <= 11 && !ORDINARY.contains(w)) {
                return cap(w);
            }
        }
    }

    private static final String[] NAME_FRAMES = {
        "A {age}-year-old woman, @, with {dx} on {drug}.",
        "@ is a {age} yo M with {dx}, here for follow-up.",
        "Pt @ seen today for {dx}.",
        "@, {age}F, c/o {sx}.",
        "@ ({age} y/o) presents with {sx}.",
        "Spoke with @ re: {dx} labs, will repeat in 3 months.",
        "Called @ back, no answer, left VM.",
        "Discussed results with @ and her husband.",
        "Message from @: is it ok to take {drug} with ibuprofen?",
        "Per @, the rash started 3 days ago.",
        "Follow-up for @ in 2 weeks.",
        "@'s daughter called about the {drug} refill.",
        "CC: {sx}. HPI: @ is a {age}yo with {dx}.",
        "Nursing: @ ambulated in the hall x2, tolerated well.",
        "@ tolerated {drug} without issues.",
        "Case: @, {age}M, {dx}, on {drug}. Next steps?",
        "Reviewed meds with @; continues {drug}.",
        "RN note - @ refused the 0600 labs.",
        "Q from @: can I stop {drug} before my colonoscopy?",
        "Our patient, @, has {dx} and new {sx}.",
        "Thanks, @",
        "Hi @, your labs look good, continue {drug}.",
        "Dear @, your appointment is confirmed.",
        "-- @",
        "Emergency contact: @ (sister).",
        "Pt's wife @ is at bedside.",
        "Son, @, is the HCP.",
        "Goes by \"@\"; prefers texts.",
        "Accompanied by @, who provides history.",
        "Q: my dad @ has {dx}, should he keep taking {drug}?",
        "Social: daughter-@ (cell on chart), lives nearby.",
    };
    private static final String[] LOWER_NAME_FRAMES = {
        "hi this is @, i have a question about my {drug}",
        "pt @ called, wants refill of {drug}",
        "message from @ - is {sx} normal after starting {drug}?",
        "my name is @ and my {drug} makes me dizzy",
        "spoke w/ @ re {dx}, will call back tmrw",
    };

    private static Frame nameWithInitial(Random r) {
        String g = given(r);
        int k = r.nextInt(5);
        String v = switch (k) {
            case 0 -> g + " " + initial(r) + ".";
            case 1 -> g + " " + initial(r);
            case 2 -> initial(r) + ". " + surname(r);
            case 3 -> initial(r) + "." + initial(r) + "." + (r.nextInt(4) == 0 ? initial(r) + "." : ""); // "pt J.D.": initials alone
            default -> g + " " + initial(r) + ". " + surname(r);
        };
        if (r.nextInt(6) == 0 && k != 3) {
            return new Frame(pick(r, LOWER_NAME_FRAMES), "NAME", v.toLowerCase(Locale.ROOT), r);
        }
        return new Frame(pick(r, NAME_FRAMES), "NAME", v, r);
    }

    private static Frame plainName(Random r) {
        String g = given(r);
        String s = surname(r);
        int k = r.nextInt(6);
        String v = switch (k) {
            case 0 -> g;
            case 1, 2 -> g + " " + s;
            case 3 -> s + ", " + g;
            case 4 -> (s + ", " + g).toUpperCase(Locale.ROOT);
            default -> g + " " + initial(r) + ". " + s;
        };
        if (r.nextInt(5) == 0) {
            return new Frame(pick(r, LOWER_NAME_FRAMES), "NAME", (g + (k == 0 ? "" : " " + s)).toLowerCase(Locale.ROOT), r);
        }
        return new Frame(pick(r, NAME_FRAMES), "NAME", v, r);
    }

    private static final String[] CLINICIAN_FRAMES = {
        "Discussed with @ at the bedside.",
        "Seen and examined with @; agree with plan.",
        "@ reviewed the films with me.",
        "Consulted cardiology (@), recs appreciated.",
        "Per @, hold {drug} for 48h.",
        "Referral placed to @ for {dx}.",
        "PCP: @",
        "Attending: @",
        "Signed: @",
        "Pt will follow up with @ in 2 weeks.",
        "Spoke with @ on call re: {sx}.",
        "Thank you @ for this consult.",
        "Case reviewed by @ and the team.",
        "Previously followed by @ for {dx}.",
    };

    private static Frame titledClinician(Random r) {
        String g = given(r);
        String s = surname(r);
        String title = pick(r, "Dr.", "Dr", "Dr.", "Nurse", "NP", "PA");
        int k = r.nextInt(8);
        String v = switch (k) {
            case 0 -> title + " " + g + " " + initial(r) + ".";
            case 1, 2 -> title + " " + s;
            case 3 -> title + " " + initial(r) + ". " + s;
            case 4 -> g + " " + s + ", " + pick(r, "MD", "M.D.", "NP", "RN", "PA-C", "DO");
            case 5 -> title + " " + g + " " + s;
            case 6 -> title + " " + s + " " + initial(r) + ".";
            default -> g + " " + initial(r) + ". " + s + ", " + pick(r, "MD", "DO", "NP");
        };
        // The title is no identifier: the value is what follows it.
        String value = v.startsWith(title + " ") ? v.substring(title.length() + 1) : v.substring(0, v.indexOf(','));
        if (r.nextInt(8) == 0) {
            // "Drs. Mbeki and Laurent": the second surname has no title of its own
            return new Frame(pick(r, CLINICIAN_FRAMES).replace("@", "Drs. " + surname(r) + " and @"), "NAME", surname(r), r);
        }
        String template = pick(r, CLINICIAN_FRAMES);
        String prefix = v.startsWith(title + " ") ? title + " " : "";
        String suffix = v.startsWith(title + " ") ? "" : v.substring(v.indexOf(','));
        return new Frame(template.replace("@", prefix + "@" + suffix), "NAME", value, r);
    }

    // ---------------------------------------------------------------- places

    /** A town: listed (single or multi-word) or invented ("Cedarbrook", "Tavrelin"). */
    private static String town(Random r) {
        int k = r.nextInt(10);
        if (k < 5) {
            return pick(r, TOWNS);
        }
        if (k < 7) {
            return cap(pick(r, "cedar", "maple", "oak", "pine", "river", "lake", "green", "stone", "fair", "spring", "elm",
                    "wolf", "red", "clear", "ash", "mill", "brook", "hazel", "willow", "silver")) + pick(r, "brook", "vale",
                    "field", "wood", "ridge", "haven", "port", "ton", "ville", "burg", "view", "crest", "dale", "ford", "side");
        }
        return invented(r);
    }

    private static String acronym(Random r) {
        while (true) {
            String a = "" + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26));
            String w = switch (r.nextInt(4)) {
                case 0 -> "U" + a;
                case 1 -> a + "MC";
                case 2 -> a + "H";
                default -> a + "U";
            };
            if (!CLINICAL.contains(w.toLowerCase(Locale.ROOT)) && !ORDINARY.contains(w.toLowerCase(Locale.ROOT))) {
                return w;
            }
        }
    }

    private static String facilityName(Random r) {
        String p = r.nextInt(4) == 0 ? surname(r) : town(r);
        return switch (r.nextInt(18)) {
            case 0 -> p + " General";
            case 1 -> p + " General Hospital";
            case 2 -> p + " Med Ctr";
            case 3 -> p + " Medical Center";
            case 4 -> p + " Regional Medical Center";
            case 5 -> p + " Memorial";
            case 6 -> p + " Memorial Hospital";
            case 7 -> "St. " + pick(r, SAINTS) + pick(r, "'s", "'", "");
            case 8 -> "Saint " + pick(r, SAINTS) + " Hospital";
            case 9 -> "Mt. " + town(r);
            case 10 -> "Mount " + town(r) + " Medical Center";
            case 11 -> p + " Clinic";
            case 12 -> p + " Family Medicine";
            case 13 -> p + " Urgent Care";
            case 14 -> p + " Health";
            case 15 -> p + " Community Hospital";
            case 16 -> p + " Children's";
            default -> acronym(r);
        };
    }

    private static final String[] FACILITY_FRAMES = {
        "Seen at @ last year for {dx}.",
        "Transferred from @ for cath.",
        "Records requested from @.",
        "Prior MRI at @ was normal.",
        "f/u at @ in 2 wks",
        "She was admitted to @ in 2021 with {dx}.",
        "Followed by cardiology at @.",
        "Works as a nurse at @.",
        "ED visit at @ for {sx}.",
        "Discharged to @ for rehab.",
        "Had her knee replaced at @.",
        "Outside records (@) reviewed.",
        "Pt previously treated at @ for {dx}.",
        "Labs from @ show A1c 8.1.",
        "i was seen at @ for my {dx}, can you get the records?",
        "Referred by @ ED.",
        "Hospitalized at @ x5 days for {dx}.",
        "@ ER visit 2 weeks ago, neg CT.",
        "Plan: transfer to @ for higher level of care.",
        "Imaging done at @ was unremarkable.",
    };

    /** Notes typed in lower case: a town or a surname before a head word, or a state's university. */
    private static final String[] LOWER_FACILITY_FRAMES = {"he had a turp at @ at that time", "pt transferred via ambulance to @",
        "called out to a surgical bed on @", "pt recieved from @ intubated", "plan d/c to @ tomorrow if stable",
        "records requested from @, will f/u"};

    private static Frame facility(Random r) {
        if (r.nextInt(5) == 0) {
            String name = r.nextInt(4) == 0 ? "university of " + pick(r, "maryland", "iowa", "michigan", "colorado", "utah", "vermont")
                    + pick(r, "", " hospital", " medical center")
                    : (r.nextInt(3) == 0 ? surname(r) : town(r)) + " " + pick(r, "hospital", "campus", "rehab", "clinic", "hosp");
            return new Frame(pick(r, LOWER_FACILITY_FRAMES), "ORGANIZATION", name.toLowerCase(Locale.ROOT), r);
        }
        if (r.nextInt(8) == 0) {
            return new Frame(pick(r, FACILITY_FRAMES), "ORGANIZATION", "University of " + pick(r, "Maryland", "Iowa", "Michigan",
                    "Colorado", "Utah", "Vermont", "Texas", "Washington"), r); // a state that names a university hospital
        }
        if (r.nextInt(10) == 0) {
            // a home where patients live, named by an everyday word ("Sunrise Senior Living", "Willow Manor")
            return new Frame(pick(r, FACILITY_FRAMES), "ORGANIZATION", pick(r, "Sunrise", "Heritage", "Meadow", "Harbor", "Willow",
                    "Summit", "Evergreen", "Golden", "Pleasant", "Autumn") + " " + pick(r, "Senior Living", "Assisted Living", "Manor",
                    "Village"), r);
        }
        return new Frame(pick(r, FACILITY_FRAMES), "ORGANIZATION", facilityName(r), r);
    }

    /** Portal messages and notes typed in lower case: the town in lower case after a verb of living or moving. */
    private static final String[] LOWER_CITY_FRAMES = {"i live in @ so the drive is long", "we moved to @ last year, need a new pcp",
        "my son lives in @ and helps with meds", "pt lives alone in @, daughter nearby", "grew up in @, no travel since",
        "daughter returned to @ today", "we are from @ originally", "she was born in @ and moved here as a child"};

    private static final String[] CITY_FRAMES = {
        "Lives in @ with her husband.",
        "Moved from @ two years ago.",
        "Visiting family in @, ran out of {drug}.",
        "Grew up in @; no travel since.",
        "Drove in from @ this morning.",
        "Pt is from @, {st}.",
        "Recently returned from a trip to @.",
        "Works at a warehouse in @.",
        "Transferred from an outside hospital in @.",
        "i live in @ so the drive is long",
        "Son lives in @ and is her HCP.",
        "Born in @, {st}.",
        "Retired teacher from @, lives alone.",
        "Address: 12 Oak St, @, {st}",
    };

    private static Frame city(Random r) {
        if (r.nextInt(4) == 0) {
            return new Frame(pick(r, LOWER_CITY_FRAMES), "ADDRESS", town(r).toLowerCase(Locale.ROOT), r);
        }
        return new Frame(pick(r, CITY_FRAMES), "ADDRESS", town(r), r);
    }

    // ---------------------------------------------------------------- identifiers

    private static final String[][] ID_CUES = {
        {"MRN", "MRN"}, {"MRN:", "MRN"}, {"MRN #", "MRN"}, {"MRN: #", "MRN"}, {"MRN#", "MRN"}, {"Med Rec #", "MRN"},
        {"med rec no.", "MRN"}, {"Medical record number", "MRN"}, {"Chart #", "MRN"}, {"MR#", "MRN"}, {"Hosp #", "MRN"},
        {"Acct #", "ACCOUNT"}, {"Account no.", "ACCOUNT"}, {"acct:", "ACCOUNT"}, {"Billing acct", "ACCOUNT"},
        {"Member ID", "INSURANCE"}, {"member #", "INSURANCE"}, {"Policy #", "INSURANCE"}, {"ins. policy", "INSURANCE"},
        {"Insurance ID", "INSURANCE"}, {"Plan ID:", "INSURANCE"}, {"plan ID", "INSURANCE"}, {"Health plan #", "INSURANCE"},
        {"Subscriber ID", "INSURANCE"}, {"Group #", "INSURANCE"}, {"Medicaid #", "INSURANCE"}, {"Medicare ID", "INSURANCE"},
        {"Claim #", "INSURANCE"}, {"Policy No.", "INSURANCE"}, {"Ins ID", "INSURANCE"}, {"Case #", "OTHER_ID"},
        {"case no.", "OTHER_ID"}, {"Ref. code:", "OTHER_ID"}, {"Ref #", "OTHER_ID"}, {"ref no", "OTHER_ID"},
        {"Site ID:", "OTHER_ID"}, {"Study ID", "OTHER_ID"}, {"Subject ID", "OTHER_ID"}, {"Specimen #", "OTHER_ID"},
        {"Accession #", "OTHER_ID"}, {"Patient ID", "MRN"}, {"Pt ID:", "MRN"}, {"Visit #", "MRN"}, {"Encounter ID", "MRN"},
        {"Unique ID", "OTHER_ID"}, {"ID#", "OTHER_ID"}, {"ID:", "OTHER_ID"}, {"Auth #", "OTHER_ID"}, {"Order #", "OTHER_ID"},
        {"Confirmation #", "OTHER_ID"}, {"Rx #", "OTHER_ID"}, {"Lab ID", "OTHER_ID"}, {"Device serial", "OTHER_ID"},
        {"Member No:", "INSURANCE"}, {"Policy Number:", "INSURANCE"}, {"health plan beneficiary #", "INSURANCE"},
        {"Medicaid ID:", "INSURANCE"}, {"subscriber no.", "INSURANCE"}, {"insurance member ID", "INSURANCE"},
        {"MRN No.", "MRN"}, {"medical record #:", "MRN"}, {"Record #", "MRN"}, {"Participant ID", "OTHER_ID"},
        {"Trial subject", "OTHER_ID"}, {"Enrollment ID", "OTHER_ID"}, {"Referral #", "OTHER_ID"}, {"Ticket", "OTHER_ID"},
        {"#", "OTHER_ID"},
    };

    private static String digits(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    private static String letters(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((char) ('A' + r.nextInt(26)));
        }
        return sb.toString();
    }

    private static String idValue(Random r) {
        return switch (r.nextInt(14)) {
            case 10 -> letters(r, 2) + "/" + digits(r, 4) + "/" + digits(r, 2);
            case 11 -> letters(r, 2 + r.nextInt(2)) + "_" + digits(r, 5);
            case 12 -> digits(r, 4) + "." + digits(r, 4);
            case 13 -> letters(r, 1) + digits(r, 3) + "-" + digits(r, 3) + "-" + digits(r, 3);
            case 0 -> digits(r, 5 + r.nextInt(6));
            case 1 -> letters(r, 1 + r.nextInt(3)) + "-" + digits(r, 4 + r.nextInt(5));
            case 2 -> letters(r, 1 + r.nextInt(3)) + digits(r, 4 + r.nextInt(7));
            case 3 -> "#" + letters(r, 2) + "-" + digits(r, 4 + r.nextInt(4));
            case 4 -> digits(r, 2 + r.nextInt(2)) + "-" + digits(r, 3) + "-" + digits(r, 3 + r.nextInt(2));
            case 5 -> letters(r, 2) + digits(r, 2) + "-" + letters(r, 1) + digits(r, 3);
            case 6 -> digits(r, 4) + "-" + letters(r, 1 + r.nextInt(2));
            case 7 -> letters(r, 3) + " " + digits(r, 3) + " " + digits(r, 3);
            case 8 -> digits(r, 1) + letters(r, 2) + digits(r, 1) + "-" + letters(r, 2) + digits(r, 1) + "-" + letters(r, 2) + digits(r, 2);
            default -> (letters(r, 2) + "-" + digits(r, 6)).toLowerCase(Locale.ROOT);
        };
    }

    private static final String[] ID_FRAMES = {
        "@", "Pt verified name and DOB, @.", "Please update @ in the chart.", "Billing: @, copay $20.", "Labs sent (@).",
        "prior auth submitted, @, awaiting response", "Wristband checked: @.", "Enrolled in trial, @.", "@ - duplicate merged.",
        "Pathology: @, margins negative.",
    };

    private static Frame structuredId(Random r) {
        String[] cue = ID_CUES[r.nextInt(ID_CUES.length)];
        String v = idValue(r);
        String sep = cue[0].endsWith("#") && r.nextBoolean() ? "" : " ";
        String value = v.startsWith("#") ? v.substring(1) : v;
        String shown = cue[0] + sep + (v.startsWith("#") ? "#" : "");
        return new Frame(pick(r, ID_FRAMES).replace("@", shown + "@"), cue[1], value, r);
    }

    // ---------------------------------------------------------------- dates

    private static String ordinal(int d) {
        String suffix = d % 10 == 1 && d != 11 ? "st" : d % 10 == 2 && d != 12 ? "nd" : d % 10 == 3 && d != 13 ? "rd" : "th";
        return d + suffix;
    }

    private static final String[] DATE_FRAMES = {
        "Symptoms started @ after a fall.", "She called @ about dizziness.", "Last dose of {drug} taken @.",
        "Seen in clinic @; BP 150/90.", "Fell @ while gardening.", "Surgery is scheduled for @.", "ran out of my {drug} @",
        "Pt reports {sx} since @.", "ED visit @ for {sx}.", "Labs drawn @ were normal.", "wife says he was confused @",
    };

    private static final String[] LOWER_DATE_FRAMES = {"ran out of my {drug} @", "the rash is back @", "hi, my mom fell @ and her hip hurts",
        "i have had {sx} @, should i come in?"};

    private static Frame relativeDate(Random r) {
        int d = 1 + r.nextInt(28);
        String wd = pick(r, WEEKDAYS);
        String month = pick(r, MONTHS);
        String[] v = switch (r.nextInt(12)) {
            case 0 -> new String[] {"last ", wd};
            case 1 -> new String[] {"this past ", wd};
            case 2 -> new String[] {"on ", wd};
            case 3 -> new String[] {"", wd + " night"};
            case 4 -> new String[] {pick(r, "two", "three", "2", "3") + " weeks ago on ", "the " + ordinal(d)};
            case 5 -> new String[] {"on ", "the " + ordinal(d)};
            case 6 -> new String[] {"on ", month + " " + ordinal(d)};
            case 7 -> new String[] {"on ", "the " + ordinal(d) + " of " + month};
            case 8 -> new String[] {"on ", pick(r, MON) + ". " + d};
            case 9 -> new String[] {"on ", (1 + r.nextInt(12)) + "/" + d};
            case 10 -> new String[] {"", wd + " the " + ordinal(d)};
            default -> new String[] {"last ", wd + " " + pick(r, "morning", "evening", "afternoon")};
        };
        if (r.nextInt(6) == 0 && (v[1].startsWith(wd) || v[1].startsWith("the "))) {
            // lower-case chat: "ran out of my meds since sunday"
            return new Frame(pick(r, LOWER_DATE_FRAMES).replace("@", pick(r, "since ", "last ", "on ", "this past ") + "@"), "DATE",
                    v[1].toLowerCase(Locale.ROOT), r);
        }
        return new Frame(pick(r, DATE_FRAMES).replace("@", v[0] + "@"), "DATE", v[1], r);
    }

    /**
     * A date whose month is a word, in the case the writer chose: lower-case chat ("may 16, 2015", "on march 3rd"),
     * capitals ("MARCH OF 1993"), a month and a year ("Nov 2016"), a day before the month ("21 Apr", "2 nov, 96").
     * A year alone is no identifier: in month-and-year forms the month is the value.
     */
    private static Frame monthNameDate(Random r) {
        int d = 1 + r.nextInt(28);
        int y = 1990 + r.nextInt(36);
        String full = pick(r, MONTHS);
        String mon = pick(r, MON);
        boolean may = full.equals("May");
        String[] v = switch (r.nextInt(9)) {
            case 0 -> new String[] {"", full + " " + d + ", " + y, ""};
            case 1 -> new String[] {"on ", full + " " + (r.nextBoolean() ? ordinal(d) : String.valueOf(d)), ""};
            case 2 -> new String[] {"in ", may ? "May" : full, " of " + y};
            case 3 -> new String[] {"in ", mon + pick(r, "", "."), " " + y};
            case 4 -> new String[] {"", d + " " + mon, ""};
            case 5 -> new String[] {"", d + " " + mon + ", " + String.format(Locale.ROOT, "%02d", y % 100), ""};
            case 6 -> new String[] {"since ", may ? "May" : full, ""};
            case 7 -> new String[] {"on ", mon + " " + d, ""};
            default -> new String[] {"", d + " " + full + " " + y, ""};
        };
        String value = switch (r.nextInt(3)) {
            case 0 -> v[1].toLowerCase(Locale.ROOT);
            case 1 -> v[1].toUpperCase(Locale.ROOT);
            default -> v[1];
        };
        if (value.matches("may|MAY|\\d+ (may|MAY)")) {
            value = v[1]; // "since may", "5 may" read as the verb as often as the month: only a Title-case May is one
        }
        String frame = pick(r, r.nextBoolean() ? LOWER_DATE_FRAMES : DATE_FRAMES);
        return new Frame(frame.replace("@", v[0] + "@" + v[2]), "DATE", value, r);
    }

    // ---------------------------------------------------------------- helpers

    @SafeVarargs
    private static <T> T pick(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }

    private static <T> T pick(Random r, List<T> options) {
        return options.get(r.nextInt(options.size()));
    }

    private static String cap(String w) {
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    private static List<String> words(String resource) {
        return lines(resource, Function.identity());
    }

    private static Set<String> clinicalWords() {
        Set<String> out = new HashSet<>();
        for (String l : lines("en-clinical-safe.txt", Function.identity())) {
            out.add(l.toLowerCase(Locale.ROOT));
        }
        for (String l : lines("en-eponyms.txt", Function.identity())) {
            for (String w : l.split("\\s+")) {
                out.add(w.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static Set<String> safeWords() {
        return new HashSet<>(lines("en-safe-words.txt.gz", Function.identity()));
    }

    private static List<String> lines(String resource, Function<String, String> f) {
        try (InputStream raw = LeakClassCorpus.class.getResourceAsStream(TEXT + resource)) {
            InputStream in = resource.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            List<String> out = new ArrayList<>();
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!l.isBlank() && !l.startsWith("#")) {
                    out.add(f.apply(l.strip()));
                }
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code LeakClassCorpus [n] [seed] [-v] [--jsonl DIR]}: per-class figures (and every leak with -v); with
     * --jsonl the notes are also written to DIR/CLASS.jsonl, so that another detector can be scored on the
     * very same notes ({@code CorpusScore DIR/*.jsonl}).
     */
    public static void main(String[] args) throws java.io.IOException {
        int dirAt = List.of(args).indexOf("--jsonl");
        if (dirAt >= 0) {
            java.nio.file.Path dir = java.nio.file.Path.of(args[dirAt + 1]);
            java.nio.file.Files.createDirectories(dir);
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            int n = Integer.parseInt(args[0]);
            long seed = Long.parseLong(args[1]);
            for (LeakClass c : LeakClass.values()) {
                StringBuilder sb = new StringBuilder();
                for (LabelledCorpus.Note note : generate(c, n, seed).notes()) {
                    var phi = note.phi().stream().map(v -> java.util.Map.of("start", v.start(), "end", v.end(), "type", v.type(),
                            "value", v.value())).toList();
                    sb.append(json.writeValueAsString(java.util.Map.of("id", note.id(), "text", note.text(), "phi", phi))).append('\n');
                }
                java.nio.file.Files.writeString(dir.resolve(c + ".jsonl"), sb);
            }
            return;
        }
        int n = args.length > 0 && !args[0].equals("-v") ? Integer.parseInt(args[0]) : 500;
        long seed = args.length > 1 && !args[1].equals("-v") ? Long.parseLong(args[1]) : 13;
        boolean verbose = List.of(args).contains("-v");
        for (LeakClass c : LeakClass.values()) {
            CorpusScore.Report rep = CorpusScore.run(generate(c, n, seed), org.medgo.deidentify.text.Language.EN);
            CorpusScore.Row row = rep.rows().values().stream().reduce(new CorpusScore.Row(0, 0, 0),
                    (a, b) -> new CorpusScore.Row(a.gold() + b.gold(), a.left() + b.left(), a.partlyLeft() + b.partlyLeft()));
            System.out.printf(Locale.ROOT, "%-18s %5d values, left %4d (%5.2f%%), partly left %4d%n", c, row.gold(), row.left(),
                    100.0 * row.left() / row.gold(), row.partlyLeft());
            if (verbose) {
                rep.leaks().forEach(l -> System.out.println("    left: " + l));
                rep.partial().forEach(l -> System.out.println("    partly: " + l));
            }
        }
    }
}
