package org.medgo.deidentify.text;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medgo.deidentify.PhiType;

/**
 * Street addresses. Chinese: a run of administrative/street components (省 市 区 县 镇 路 街 号 室 ...)
 * anchored on a province/city name or an address keyword (住址, 家住 ...), so clinical regions such as
 * 心前区 or 肝区 never start an address. English: house number + street type, with unit, city, state, ZIP.
 */
final class AddressDetector implements Detector {
    private static final String PROVINCES = "北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门";
    private static final String CITIES = "广州|深圳|杭州|南京|苏州|成都|武汉|西安|长沙|郑州|济南|青岛|沈阳|大连|哈尔滨|长春|石家庄|太原|合肥|福州|厦门|南昌|南宁|昆明|贵阳|兰州|西宁|银川|乌鲁木齐|拉萨|呼和浩特|海口|三亚|宁波|温州|无锡|常州|徐州|佛山|东莞|珠海|汕头|惠州|中山|烟台|潍坊|洛阳|宜昌|襄阳|株洲|岳阳|绵阳|遵义|大理|桂林|泉州|漳州|赣州|唐山|保定|邯郸|秦皇岛|鞍山|吉林|大庆|包头|鄂尔多斯|柳州|芜湖|扬州|南通|盐城|绍兴|嘉兴|金华|台州|湖州";
    private static final String COMPONENT =
            "[\\u4e00-\\u9fa5A-Za-z0-9]{1,10}?(?:特别行政区|自治区|自治州|省|市|区|县|旗|镇|乡|街道|大道|路|街|巷|弄|胡同|村|组|社区|小区|花园|新村|公寓|大厦|广场|苑|号院|号楼|栋|幢|单元|室|层|楼|号)";
    private static final Pattern ZH_ANCHORED = Pattern.compile(
            "(?:" + PROVINCES + "|" + CITIES + ")(?:" + COMPONENT + ")+(?:\\d+(?:号|室|栋|幢|单元|层|楼|弄)?)*");
    /** City + district without a gazetteer hit (宜宾市翠屏区...): two characters before 市 keep the start honest. */
    private static final Pattern ZH_CITY_DISTRICT = Pattern.compile(
            "[\\u4e00-\\u9fa5]{2}市[\\u4e00-\\u9fa5]{1,4}?(?:区|县)(?:" + COMPONENT + ")*(?:\\d+(?:号|室|栋|幢|单元|层|楼|弄)?)*");
    private static final Pattern ZH_KEYWORD = Pattern.compile(
            "(?:住址|地址|家庭住址|现住址|户籍地址|户籍地|居住地|家住|现住|住在|籍贯|出生地|通讯地址|联系地址|工作单位地址)\\s*[:：为是]?\\s*([^，,。；;\\n\\r\\s]{2,40})");
    private static final Pattern EN_STREET = Pattern.compile(
            "(?=\\d)\\b\\d{1,6}\\s+(?:[NSEW]\\.?\\s+)?(?:[A-Z][A-Za-z'.-]*\\s+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl)\\b\\.?"
            + "(?:,?\\s+(?:Apt|Apartment|Suite|Ste|Unit|#)\\.?\\s*#?\\s*[A-Za-z0-9-]+)?"
            + "(?:,\\s*(?:[A-Z][a-z]+\\s?){1,3})?(?:,\\s*[A-Z]{2})?(?:\\s+\\d{5}(?:-\\d{4})?)?");
    private static final Pattern EN_CITY_STATE_ZIP = Pattern.compile(
            "(?=[A-Z])\\b(?:[A-Z][a-z]+\\s){1,3}?(?:[A-Z][a-z]+),\\s*(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY])\\s+\\d{5}(?:-\\d{4})?\\b");
    private static final Pattern EN_KEYWORD = Pattern.compile(
            "(?i:address|home address|lives at|residing at|resides at)\\s*[:：]?\\s*(\\d{1,6}\\s+[^\\n;]{3,80}?)(?=[.;\\n]|$)");
    /** A street named without its number after a place preposition ("the pharmacy on Elm St", "lives off Maple Avenue"). */
    private static final Pattern EN_STREET_NAMED = Pattern.compile(
            "(?i:on|at|off|near|onto|along)\\s+((?:[A-Z][a-z]+\\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|"
            + "Court|Ct|Way|Parkway|Pkwy|Highway|Hwy|Terrace|Trail)\\b\\.?)");
    private static final KeywordIndex EN_STREET_NAMED_TRIGGERS = KeywordIndex.fromAlternation("on|at|off|near|onto|along", true).atWordStarts();
    private static final Pattern STATE_ZIP = Pattern.compile(",\\s*[A-Z]{2}\\s+\\d{5}(?:-\\d{4})?\\b");
    private static final Pattern PO_BOX = Pattern.compile("\\b(?:P\\.?\\s?O\\.?\\s?Box|PO Box)\\s+\\d+\\b");

    private static final KeywordIndex PLACE_TRIGGERS = KeywordIndex.fromAlternation(PROVINCES + "|" + CITIES, false);
    private static final KeywordIndex ZH_KEYWORD_TRIGGERS = KeywordIndex.fromAlternation(
            "住址|地址|家庭住址|现住址|户籍地址|户籍地|居住地|家住|现住|住在|籍贯|出生地|通讯地址|联系地址|工作单位地址", false);
    private static final KeywordIndex EN_KEYWORD_TRIGGERS = KeywordIndex.fromAlternation(
            "address|home address|lives at|residing at|resides at", true);

    @Override
    public void detect(String text, Language language, List<Span> out) {
        if (language.chinese() && hasHan(text)) {
            PLACE_TRIGGERS.forEachMatch(text, ZH_ANCHORED, k -> out.add(new Span(k.start(), k.end(), PhiType.ADDRESS)));
            Matcher cd = ZH_CITY_DISTRICT.matcher(text).useTransparentBounds(true);
            int done = 0;
            for (int i = text.indexOf('市'); i >= 0; i = text.indexOf('市', i + 1)) {
                if (i - 2 < done) {
                    continue;
                }
                cd.region(i - 2, text.length());
                if (cd.lookingAt()) {
                    out.add(new Span(cd.start(), cd.end(), PhiType.ADDRESS));
                    done = cd.end();
                }
            }
            ZH_KEYWORD_TRIGGERS.forEachMatch(text, ZH_KEYWORD, k -> out.add(new Span(k.start(1), k.end(1), PhiType.ADDRESS)));
        }
        if (language.english()) {
            EN_STREET_NAMED_TRIGGERS.forEachMatch(text, EN_STREET_NAMED, k -> out.add(new Span(k.start(1), k.end(1), PhiType.ADDRESS)));
        }
        if (language.english() && DateExpressions.hasDigit(text)) {
            IdentifierDetector.find(EN_STREET, text, PhiType.ADDRESS, out);
            Matcher zip = STATE_ZIP.matcher(text);
            Matcher full = EN_CITY_STATE_ZIP.matcher(text).useTransparentBounds(true);
            while (zip.find()) {
                full.region(Math.max(0, zip.start() - 60), zip.end());
                while (full.find()) {
                    if (full.end() == zip.end()) {
                        out.add(new Span(full.start(), full.end(), PhiType.ADDRESS));
                        break;
                    }
                }
            }
            EN_KEYWORD_TRIGGERS.forEachMatch(text, EN_KEYWORD, k -> out.add(new Span(k.start(1), k.end(1), PhiType.ADDRESS)));
            if (text.contains("Box") || text.contains("BOX")) {
                IdentifierDetector.find(PO_BOX, text, PhiType.ADDRESS, out);
            }
        }
    }

    static boolean hasHan(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= '\u4e00' && c <= '\u9fa5') {
                return true;
            }
        }
        return false;
    }
}
