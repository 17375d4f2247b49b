package org.medgo.deidentify.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import org.medgo.deidentify.PhiType;

/**
 * Seeded generator of labelled clinical notes, English and Chinese. The name pools deliberately reach
 * beyond the detector's dictionaries (rare surnames, given names it has never seen), formats vary
 * (dates in 9 forms, phones with and without separators or country codes), sentences are drawn from
 * pools and shuffled, and every note carries hard negatives (doses, lab values, codes, years of
 * guidelines, eponyms, clinical words built from surname characters) that must survive.
 */
public final class SyntheticCorpus {
    private SyntheticCorpus() {
    }

    public static List<LabelledNote> english(int n, long seed) {
        Random r = new Random(seed);
        List<LabelledNote> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(English.note(r, "en-" + i));
        }
        return out;
    }

    public static List<LabelledNote> chinese(int n, long seed) {
        Random r = new Random(seed);
        List<LabelledNote> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Chinese.note(r, "zh-" + i));
        }
        return out;
    }

    /** Bilingual notes: a Chinese note and an English note (consult letter) in one text. */
    public static List<LabelledNote> mixed(int n, long seed) {
        Random r = new Random(seed);
        List<LabelledNote> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LabelledNote zh = Chinese.note(r, "x");
            LabelledNote en = English.note(r, "x");
            String sep = "\n--- English consult letter ---\n";
            int shift = zh.text().length() + sep.length();
            List<LabelledNote.Phi> phi = new ArrayList<>(zh.phi());
            for (LabelledNote.Phi p : en.phi()) {
                phi.add(new LabelledNote.Phi(p.type(), p.start() + shift, p.end() + shift, p.value()));
            }
            List<String> keep = new ArrayList<>(zh.mustKeep());
            keep.addAll(en.mustKeep());
            out.add(new LabelledNote("mixed-" + i, "mixed", zh.text() + sep + en.text(), phi, keep));
        }
        return out;
    }

    /**
     * Stress set, not part of the thresholds: names with NO cue at all (no title, label, role, verb
     * the detector knows), in both languages. Shows the blind spot of cue-based detection.
     */
    public static List<LabelledNote> uncuedNames(int n, long seed) {
        Random r = new Random(seed);
        List<String> enFrames = List.of(" has been on ", " tolerates ", " remains on ", ", 54, continues ");
        List<String> zhFrames = List.of("近期规律服用", "目前继续", "今日复查", "自诉服用");
        List<LabelledNote> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            NoteBuilder b = new NoteBuilder();
            if (i % 2 == 0) {
                b.p(PhiType.NAME, English.name(r)).t(pick(r, enFrames)).keep(pick(r, English.HARD_NEGATIVES)).t(".");
            } else {
                b.p(PhiType.NAME, Chinese.name(r)).t(pick(r, zhFrames)).keep(pick(r, Chinese.HARD_NEGATIVES)).t("。");
            }
            out.add(b.build("uncued-" + i, i % 2 == 0 ? "en" : "zh"));
        }
        return out;
    }

    static <T> T pick(Random r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    static String digits(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + (i == 0 ? 1 + r.nextInt(9) : r.nextInt(10))));
        }
        return sb.toString();
    }

    static String letters(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((char) ('A' + r.nextInt(26)));
        }
        return sb.toString();
    }

    static final List<String> MONTHS = List.of("January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December");

    static String dateEn(Random r) {
        int y = 1990 + r.nextInt(35), m = 1 + r.nextInt(12), d = 1 + r.nextInt(28);
        String mon = MONTHS.get(m - 1);
        return switch (r.nextInt(9)) {
            case 0 -> String.format("%02d/%02d/%d", m, d, y);
            case 1 -> m + "/" + d + "/" + y;
            case 2 -> String.format("%d-%02d-%02d", y, m, d);
            case 3 -> mon + " " + d + ", " + y;
            case 4 -> mon.substring(0, 3) + " " + d + ", " + y;
            case 5 -> d + " " + mon + " " + y;
            case 6 -> String.format("%02d-%s-%d", d, mon.substring(0, 3), y);
            case 7 -> mon + " " + d + (d == 1 || d == 21 ? "st" : d == 2 || d == 22 ? "nd" : d == 3 || d == 23 ? "rd" : "th") + ", " + y;
            default -> String.format("%02d/%02d/%02d", m, d, y % 100);
        };
    }

    static String dateZh(Random r) {
        int y = 1990 + r.nextInt(35), m = 1 + r.nextInt(12), d = 1 + r.nextInt(28);
        return switch (r.nextInt(7)) {
            case 0 -> y + "年" + m + "月" + d + "日";
            case 1 -> String.format("%d-%02d-%02d", y, m, d);
            case 2 -> y + "/" + m + "/" + d;
            case 3 -> String.format("%d.%02d.%02d", y, m, d);
            case 4 -> String.format("%d年%02d月%02d日", y, m, d);
            case 5 -> y + "年" + m + "月" + d + "号";
            default -> String.format("%d%02d%02d", y, m, d);
        };
    }

    static String residentId(Random r) {
        String[] areas = {"110105", "310104", "440305", "330106", "510107", "420102", "320106", "370202", "210102", "610113"};
        int y = 1930 + r.nextInt(80), m = 1 + r.nextInt(12), d = 1 + r.nextInt(28);
        String first17 = areas[r.nextInt(areas.length)] + String.format("%d%02d%02d", y, m, d) + String.format("%03d", r.nextInt(1000));
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        char[] check = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * w[i];
        }
        return first17 + check[sum % 11];
    }

    static String ipv4(Random r) {
        return (10 + r.nextInt(200)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    /** Shuffles sentence writers and runs them. */
    static void shuffled(Random r, NoteBuilder b, List<BiConsumer<NoteBuilder, Random>> writers, int count) {
        List<BiConsumer<NoteBuilder, Random>> pool = new ArrayList<>(writers);
        java.util.Collections.shuffle(pool, r);
        for (int i = 0; i < Math.min(count, pool.size()); i++) {
            pool.get(i).accept(b, r);
        }
    }

    static PhiType type(String name) {
        return PhiType.valueOf(name);
    }
}
