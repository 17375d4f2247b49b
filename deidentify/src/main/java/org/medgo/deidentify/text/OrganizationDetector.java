package org.medgo.deidentify.text;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medgo.deidentify.PhiType;

/**
 * Named care organisations (a hospital's name narrows down who the patient is). Generic references
 * such as 我院, 本院, 外院, 当地医院, "the hospital" stay.
 */
final class OrganizationDetector implements Detector {
    private static final Pattern ZH_ORG = Pattern.compile(
            "[\\u4e00-\\u9fa5]{2,16}?(?:大学附属第[一二三四五六七八九十]+医院|附属[\\u4e00-\\u9fa5]{0,6}医院|人民医院|中医院|中医医院|妇幼保健院|儿童医院|肿瘤医院|胸科医院|医院|卫生院|卫生服务中心|诊所|医疗中心|疾病预防控制中心|疾控中心|体检中心)");
    private static final Pattern EN_ORG = Pattern.compile(
            "\\b(?:(?:St\\.|Saint|[A-Z][a-z'’]+|of|the|and|&)\\s+){1,6}(?:Hospital|Medical Center|Medical Centre|Health Center|Health System|Clinic|Infirmary|Health Centre|Cancer Center|Children's Hospital)\\b");
    /** Characters before an organisation name that belong to the sentence, not the name. */
    private static final String LEAD = "于在至到往经从赴入由被向去来转送及和与并后前曾因为是的了";
    private static final Set<String> GENERIC = Set.of("我院", "本院", "外院", "他院", "当地医院", "上级医院", "下级医院",
            "基层医院", "县医院", "市医院", "省医院", "专科医院", "综合医院", "医院", "社区医院", "私人诊所", "附近诊所", "乡镇卫生院",
            "村卫生院", "当地诊所", "当地卫生院");
    private static final Set<String> EN_LEADING_WORDS = Set.of("the", "The", "of", "and", "&", "at", "At", "to", "To", "from",
            "From", "In", "in", "Patient", "Transferred", "Admitted", "Seen", "Discharged", "Referred", "A", "An");

    private static final KeywordIndex ZH_SUFFIXES = KeywordIndex.of(List.of("医院", "卫生院", "卫生服务中心", "诊所", "医疗中心",
            "疾病预防控制中心", "疾控中心", "体检中心", "保健院"), false);
    private static final KeywordIndex EN_SUFFIXES = KeywordIndex.of(List.of("Hospital", "Medical Center", "Medical Centre",
            "Health Center", "Health Centre", "Health System", "Clinic", "Infirmary", "Cancer Center"), false);

    /**
     * The regexes end with the organisation type; instead of trying them at every index, find the type
     * words and run the regex in a window that ends there.
     */
    private static void eachEndingAt(String text, KeywordIndex suffixes, Pattern p, int lookBack, java.util.function.Consumer<Matcher> f) {
        Matcher m = p.matcher(text).useTransparentBounds(true);
        int done = 0;
        for (int i = 0; i < text.length(); i++) {
            int end = suffixes.matchAt(text, i);
            if (end < 0) {
                continue;
            }
            m.region(Math.max(done, i - lookBack), Math.min(text.length(), end + 12));
            while (m.find()) {
                if (m.end() >= end) {
                    if (m.start() <= i) {
                        f.accept(m);
                        done = m.end();
                    }
                    break;
                }
            }
            i = Math.max(i, end - 1);
        }
    }

    @Override
    public void detect(String text, Language language, List<Span> out) {
        if (language.chinese() && AddressDetector.hasHan(text)) {
            eachEndingAt(text, ZH_SUFFIXES, ZH_ORG, 30, m -> {
                int start = m.start();
                String s = m.group();
                int cut = 0;
                for (int i = 0; i < s.length() - 2; i++) {
                    if (LEAD.indexOf(s.charAt(i)) >= 0 && i < s.length() - 4) {
                        cut = i + 1;
                    }
                }
                String name = s.substring(cut);
                if (name.startsWith("患者") || name.startsWith("病人")) {
                    name = name.substring(2);
                    cut += 2;
                }
                if (name.length() >= 4 && !GENERIC.contains(name) && !name.startsWith("我院") && !name.startsWith("本院")) {
                    out.add(new Span(start + cut, m.end(), PhiType.ORGANIZATION));
                }
            });
        }
        if (language.english()) {
            eachEndingAt(text, EN_SUFFIXES, EN_ORG, 80, m -> {
                String[] words = m.group().split("\\s+");
                int start = m.start();
                int i = 0;
                while (i < words.length - 1 && EN_LEADING_WORDS.contains(words[i])) {
                    start = text.indexOf(words[i + 1], start + words[i].length());
                    i++;
                }
                boolean named = false;
                for (int j = i; j < words.length - 1; j++) {
                    named |= !FacilityDetector.GENERIC.contains(words[j].toLowerCase(java.util.Locale.ROOT));
                }
                // "Cardiology Clinic", "Cancer Center": a department, not which hospital
                if (words.length - i >= 2 && named) {
                    out.add(new Span(start, m.end(), PhiType.ORGANIZATION));
                }
            });
        }
    }
}
