package org.medgo.deidentify.text;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.medgo.deidentify.PhiType;

/**
 * Identifiers written the way people write them: a value that mixes letters and digits, or has 5+ digits,
 * shortly after an id word ("MRN: #KT-554433", "med rec #77665544", "plan ID: QP-112233", "ins. policy
 * ZK-445566", "Site ID: 12345", "case #MB-778899", "ref. code: XR-2231"); and anywhere, a token with
 * letters and 5+ digits ("QP-112233"). Codes that are clinical (ICD-10 E11.9, LOINC 2345-7) are kept.
 */
final class IdCueDetector implements Detector {
    private static final Map<String, PhiType> ID_WORDS = Map.ofEntries(
            Map.entry("mrn", PhiType.MRN), Map.entry("mr", PhiType.MRN), Map.entry("record", PhiType.MRN),
            Map.entry("rec", PhiType.MRN), Map.entry("chart", PhiType.MRN), Map.entry("hospital", PhiType.MRN),
            Map.entry("patient", PhiType.MRN), Map.entry("pt", PhiType.MRN), Map.entry("encounter", PhiType.MRN),
            Map.entry("visit", PhiType.MRN), Map.entry("admission", PhiType.MRN), Map.entry("accession", PhiType.MRN),
            Map.entry("plan", PhiType.INSURANCE), Map.entry("policy", PhiType.INSURANCE), Map.entry("member", PhiType.INSURANCE),
            Map.entry("insurance", PhiType.INSURANCE), Map.entry("ins", PhiType.INSURANCE), Map.entry("subscriber", PhiType.INSURANCE),
            Map.entry("group", PhiType.INSURANCE), Map.entry("grp", PhiType.INSURANCE), Map.entry("claim", PhiType.INSURANCE),
            Map.entry("medicare", PhiType.INSURANCE), Map.entry("medicaid", PhiType.INSURANCE), Map.entry("mbi", PhiType.INSURANCE),
            Map.entry("beneficiary", PhiType.INSURANCE), Map.entry("payer", PhiType.INSURANCE), Map.entry("carrier", PhiType.INSURANCE),
            Map.entry("account", PhiType.ACCOUNT), Map.entry("acct", PhiType.ACCOUNT), Map.entry("billing", PhiType.ACCOUNT),
            Map.entry("invoice", PhiType.ACCOUNT), Map.entry("license", PhiType.LICENSE), Map.entry("licence", PhiType.LICENSE),
            Map.entry("lic", PhiType.LICENSE), Map.entry("npi", PhiType.LICENSE), Map.entry("dea", PhiType.LICENSE),
            Map.entry("serial", PhiType.DEVICE), Map.entry("device", PhiType.DEVICE), Map.entry("ssn", PhiType.SSN),
            Map.entry("id", PhiType.OTHER_ID), Map.entry("identifier", PhiType.OTHER_ID), Map.entry("no", PhiType.OTHER_ID),
            Map.entry("nr", PhiType.OTHER_ID), Map.entry("num", PhiType.OTHER_ID), Map.entry("number", PhiType.OTHER_ID),
            Map.entry("case", PhiType.OTHER_ID), Map.entry("ref", PhiType.OTHER_ID), Map.entry("reference", PhiType.OTHER_ID),
            Map.entry("site", PhiType.OTHER_ID), Map.entry("study", PhiType.OTHER_ID), Map.entry("subject", PhiType.OTHER_ID),
            Map.entry("participant", PhiType.OTHER_ID), Map.entry("specimen", PhiType.OTHER_ID), Map.entry("sample", PhiType.OTHER_ID),
            Map.entry("order", PhiType.OTHER_ID), Map.entry("requisition", PhiType.OTHER_ID), Map.entry("req", PhiType.OTHER_ID),
            Map.entry("ticket", PhiType.OTHER_ID), Map.entry("file", PhiType.OTHER_ID), Map.entry("badge", PhiType.OTHER_ID),
            Map.entry("employee", PhiType.OTHER_ID), Map.entry("confirmation", PhiType.OTHER_ID), Map.entry("tracking", PhiType.OTHER_ID),
            Map.entry("barcode", PhiType.OTHER_ID), Map.entry("code", PhiType.OTHER_ID), Map.entry("auth", PhiType.OTHER_ID),
            Map.entry("authorization", PhiType.OTHER_ID), Map.entry("lab", PhiType.OTHER_ID), Map.entry("kit", PhiType.OTHER_ID),
            Map.entry("unit", PhiType.OTHER_ID), Map.entry("enc", PhiType.MRN), Map.entry("csn", PhiType.MRN),
            Map.entry("fin", PhiType.MRN), Map.entry("har", PhiType.ACCOUNT), Map.entry("acc", PhiType.ACCOUNT),
            Map.entry("pager", PhiType.PHONE), Map.entry("beeper", PhiType.PHONE), Map.entry("ext", PhiType.PHONE),
            Map.entry("pg", PhiType.PHONE), Map.entry("bpr", PhiType.PHONE), Map.entry("beep", PhiType.PHONE), // "PG 33445"
            Map.entry("extension", PhiType.PHONE), Map.entry("cert", PhiType.LICENSE), Map.entry("certificate", PhiType.LICENSE), Map.entry("rx", PhiType.OTHER_ID),
            Map.entry("hosp", PhiType.MRN), Map.entry("acct#", PhiType.ACCOUNT), Map.entry("mbr", PhiType.INSURANCE),
            Map.entry("sub", PhiType.INSURANCE), Map.entry("pol", PhiType.INSURANCE), Map.entry("hicn", PhiType.INSURANCE),
            Map.entry("uid", PhiType.OTHER_ID), Map.entry("guid", PhiType.OTHER_ID), Map.entry("uuid", PhiType.OTHER_ID),
            Map.entry("registration", PhiType.OTHER_ID), Map.entry("reg", PhiType.OTHER_ID), Map.entry("control", PhiType.OTHER_ID),
            Map.entry("voucher", PhiType.OTHER_ID), Map.entry("referral", PhiType.OTHER_ID), Map.entry("enrollment", PhiType.OTHER_ID),
            Map.entry("enrolment", PhiType.OTHER_ID), Map.entry("trial", PhiType.OTHER_ID), Map.entry("donor", PhiType.OTHER_ID),
            Map.entry("prescription", PhiType.OTHER_ID), Map.entry("transaction", PhiType.OTHER_ID), Map.entry("batch", PhiType.OTHER_ID), Map.entry("lot", PhiType.OTHER_ID));
    private static final WordSet ID_WORD_SET = new WordSet(ID_WORDS.keySet());
    /** Words that may stand between the id word and its value ("plan ID:", "med rec #", "ref. code:"). */
    private static final Set<String> FILLERS = Set.of("id", "no", "nr", "num", "number", "code", "is", "was", "of", "the", "med",
            "medical", "record", "rec", "card", "acct", "account", "policy", "member", "plan", "group", "ref", "reference", "sys");

    @Override
    public void detect(String text, Language language, List<Span> out) {
        if (!language.english() || !DateExpressions.hasDigit(text)) {
            return;
        }
        EnglishTokens tk = new EnglishTokens(text);
        for (int t = 0; t < tk.size; t++) {
            if (tk.hasDigit(t)) {
                if (tk.digits(t) >= 5 && letters(tk, t) >= 2 && Character.isLetter(tk.first(t)) && !clinicalCode(tk, t)
                        || groupedDigits(tk, t) || afterHash(tk, t) && !clinicalCode(tk, t)
                        && (tk.digits(t) >= 4 || letters(tk, t) >= 1 && tk.digits(t) >= 2)) {
                    out.add(new Span(tk.start[t], tk.end[t], PhiType.OTHER_ID));
                }
                continue;
            }
            PhiType type = ID_WORD_SET.contains(tk.text, tk.start[t], tk.end[t]) ? ID_WORDS.get(EnglishRecallDetector.lower(tk, t)) : null;
            boolean hash = type == null && t + 1 < tk.size && (hashBefore(tk, t + 1) || afterHash(tk, t + 1)
                    && letterPrefixedGroups(tk, t + 1) > t + 1);
            if (type == null && !hash) {
                continue;
            }
            int v = t + 1;
            int skipped = 0;
            while (v < tk.size && !tk.hasDigit(v) && skipped < 3 && FILLERS.contains(EnglishRecallDetector.lower(tk, v))
                    && tk.start[v] - tk.end[v - 1] <= 3) {
                PhiType more = ID_WORDS.get(EnglishRecallDetector.lower(tk, v));
                if (more != null && more != PhiType.OTHER_ID && (type == null || type == PhiType.OTHER_ID)) {
                    type = more;
                }
                v++;
                skipped++;
            }
            int grouped = v < tk.size && tk.start[v] - tk.end[v - 1] <= 4 && onlyPunctuationBetween(tk, v) ? letterPrefixedGroups(tk, v) : -1;
            if (grouped > v) {
                out.add(new Span(tk.start[v], tk.end[grouped], type == null ? PhiType.OTHER_ID : type)); // "JMB 431 292"
                t = grouped;
                continue;
            }
            if (v < tk.size && tk.hasDigit(v) && tk.start[v] - tk.end[v - 1] <= 4 && onlyPunctuationBetween(tk, v)
                    && !clinicalCode(tk, v)) {
                int e = v;
                int digits = tk.digits(v);
                while (e + 1 < tk.size && tk.start[e + 1] - tk.end[e] == 1 && " -".indexOf(tk.text.charAt(tk.end[e])) >= 0
                        && tk.hasDigit(e + 1) && !tk.hasLetter(e + 1) && digitsOnly(tk, e)) {
                    e++; // "member ID 123 456 789"
                    digits += tk.digits(e);
                }
                boolean strongCue = hash || tk.text.substring(tk.end[t], tk.start[v]).indexOf('#') >= 0
                        || tk.text.substring(tk.end[v - 1], tk.start[v]).indexOf(':') >= 0;
                if (digits >= 5 || letters(tk, v) >= 1 && tk.digits(v) >= 2 || (strongCue || type == PhiType.PHONE) && digits >= 4) {
                    out.add(new Span(tk.start[v], tk.end[e], type == null ? PhiType.OTHER_ID : type));
                    t = e;
                }
            }
        }
    }

    /**
     * A capital-letter prefix written apart from its digit groups ("JMB 431 292", "W 123 456 789"): the last token of
     * the id, or -1. Needs 5+ digits in all so that "ID CT 2" or "MRN A 12" are not read as one.
     */
    private static int letterPrefixedGroups(EnglishTokens tk, int v) {
        if (v >= tk.size || tk.hasDigit(v) || tk.length(v) > 4 || !tk.isAllCaps(v)) {
            return -1;
        }
        int e = v;
        int digits = 0;
        while (e + 1 < tk.size && tk.start[e + 1] - tk.end[e] == 1 && " -".indexOf(tk.text.charAt(tk.end[e])) >= 0
                && tk.digits(e + 1) == tk.length(e + 1)) {
            e++;
            digits += tk.digits(e);
        }
        return e > v && digits >= 5 ? e : -1; // digits only: "BP 120/80" is no id
    }

    /** "#3300.8765", "(# O610-649-618)": a number sign right before the value (one space at most) is its id word. */
    private static boolean afterHash(EnglishTokens tk, int v) {
        int a = tk.start[v];
        return a > 0 && tk.text.charAt(a - 1) == '#' || a > 1 && tk.text.charAt(a - 1) == ' ' && tk.text.charAt(a - 2) == '#';
    }

    private static boolean hashBefore(EnglishTokens tk, int v) {
        return tk.hasDigit(v) && tk.start[v] > 0 && tk.text.charAt(tk.start[v] - 1) == '#' && (tk.digits(v) >= 5 || letters(tk, v) >= 1);
    }

    private static boolean onlyPunctuationBetween(EnglishTokens tk, int v) {
        if (afterHash(tk, v)) {
            return true; // the number sign is the cue: "DOB, #ZTK 115 542", "(#5BK9-HR5)"
        }
        for (int i = tk.end[v - 1]; i < tk.start[v]; i++) {
            if (" \t:#.=-".indexOf(tk.text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** "560-40-78-5": 3+ dash-joined digit groups, 8+ digits, not a date (2024-03-05 is the date detector's). */
    private static boolean groupedDigits(EnglishTokens tk, int t) {
        String w = tk.word(t);
        return w.matches("\\d{1,6}(?:-\\d{1,6}){2,}") && tk.digits(t) >= 8
                && !w.matches("(?:19|20)\\d{2}-\\d{1,2}-\\d{1,2}|\\d{1,2}-\\d{1,2}-(?:19|20)?\\d{2}");
    }

    private static boolean digitsOnly(EnglishTokens tk, int t) {
        return tk.hasDigit(t) && !tk.hasLetter(t);
    }

    private static int letters(EnglishTokens tk, int t) {
        int n = 0;
        for (int i = tk.start[t]; i < tk.end[t]; i++) {
            if (Character.isLetter(tk.text.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /** ICD-10 (E11.9, I10), LOINC (2345-7), doses and units (500mg, 10mg/kg): clinical content. */
    private static boolean clinicalCode(EnglishTokens tk, int t) {
        String w = tk.word(t);
        return w.matches("[A-TV-Z]\\d{2}(?:\\.\\d{1,4})?[A-Z]?|\\d{1,5}-\\d|\\d+(?:\\.\\d+)?(?:mg|mcg|g|kg|ml|mL|l|L|mmol|meq|mEq|iu|IU|units?|mm|cm|hr|hrs|h|d|wk|wks|x)(?:/[a-zA-Z]+)?");
    }
}
