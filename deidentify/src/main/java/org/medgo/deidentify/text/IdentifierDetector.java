package org.medgo.deidentify.text;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medgo.deidentify.PhiType;

/**
 * Structured identifiers found by shape (e-mail, URL, IP, phone numbers, SSN, PRC resident ID with its
 * check digit, plates) or by a keyword in front of them (住院号, MRN, 医保卡号, Member ID ...).
 * Each pattern is guarded by a cheap pre-check so a 10,000-character note costs few regex passes.
 */
final class IdentifierDetector implements Detector {
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern URL = Pattern.compile(
            "(?i)\\b(?:https?://|ftp://|www\\.)[^\\s<>\"'\\u3000-\\u303F\\uFF00-\\uFFEF\\u4e00-\\u9fff]+");
    private static final Pattern IPV4 = Pattern.compile(
            "(?=\\d)(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\d]|\\.\\d)");
    private static final Pattern IPV6 = Pattern.compile(
            "(?i)(?<![0-9a-f:])(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})(?![0-9a-f:])");
    private static final Pattern CN_MOBILE = Pattern.compile(
            "(?=[+018])(?<![\\dA-Za-z])(?:(?:\\+|00)?86[\\s-]?)?1[3-9]\\d(?:[\\s-]?\\d{4}){2}(?!\\d)");
    private static final Pattern CN_LANDLINE = Pattern.compile(
            "(?=[+0(（])(?<![\\dA-Za-z.])(?:(?:\\+|00)86[\\s-]?)?(?:\\(0\\d{2,3}\\)|（0\\d{2,3}）|0\\d{2,3})[\\s-]?\\d{7,8}(?:[-转]\\d{1,5})?(?![\\d.])");
    private static final Pattern US_PHONE = Pattern.compile(
            // separators as typed in notes too: "201/324/1423", "212- 476- 8356", "202 2671093"
            "(?=[+(\\d])(?<![\\dA-Za-z/])(?:\\+?1[\\s.-]?)?(?:(?:\\(\\d{3}\\)\\s?|\\d{3}(?:[\\s./-]|-\\s))\\d{3}(?:[\\s./-]|-\\s)\\d{4}"
            + "|\\d{3}\\s\\d{7})(?:\\s?(?:x|ext\\.?)\\s?\\d{1,5})?(?![\\d/])");
    private static final Pattern KEYWORD_PHONE = Pattern.compile(
            "(?i:电话|手机|手机号|联系电话|联系方式|座机|传真|Tel|Telephone|Phone|Cell|Mobile|Fax|Pager|Contact)(?:\\s*(?:No\\.?|number|号码|#))?\\s*[:：]?\\s*(\\+?[\\d(（][\\d\\s()（）-]{5,18}\\d)");
    private static final Pattern SSN = Pattern.compile(
            "(?=\\d)(?<![\\d-])\\d{3}-\\d{2}-\\d{4}(?![\\d-])");
    private static final Pattern SSN_KEYWORD = Pattern.compile(
            "(?:SSN|Social Security(?:\\s+(?:No\\.?|Number|#))?)\\s*[:：#]?\\s*(\\d{3}-?\\d{2}-?\\d{4})(?!\\d)");
    private static final Pattern RESIDENT_ID = Pattern.compile(
            "(?=[1-9])(?<![0-9A-Za-z])[1-9]\\d{16}[\\dXx](?![0-9A-Za-z])");
    private static final Pattern PLATE = Pattern.compile(
            "[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·\\s]?[A-HJ-NP-Z0-9]{5,6}(?![A-Za-z0-9])");
    private static final Pattern LONG_NUMBER = Pattern.compile(
            "(?=[A-Z\\d])(?<![\\d.,A-Za-z-])(?:[A-Z]{1,4}-?)?\\d{8,}(?![\\d.,])");
    private static final Pattern POSTCODE = Pattern.compile(
            "(?i:邮编|邮政编码|postcode|post code|zip|zip code)\\s*[:：]?\\s*(\\d{5,6}(?:-\\d{4})?)");

    private record Keyword(String pattern, PhiType type) {
    }

    // Longest first inside each alternation so "Medical Record Number" wins over "Medical Record".
    private static final List<Keyword> KEYWORDS = List.of(
            new Keyword("身份证号码|身份证号|身份证|公民身份号码|证件号码|证件号|护照号码|护照号|Passport(?:\\s*(?:No\\.?|Number|#))?|军官证号", PhiType.ID_NUMBER),
            new Keyword("住院号|病案号|门诊号|病历号|登记号|就诊卡号|就诊号|患者ID|病人ID|ID号|影像号|检查号|标本号|条码号|"
                    + "Medical\\s+Record\\s+(?:Number|No\\.?|#)|MRN|MR\\s?#|MR\\s+No\\.?|Chart\\s+(?:No\\.?|Number|#)|Patient\\s+ID|"
                    + "Hospital\\s+(?:No\\.?|Number)|Accession\\s+(?:No\\.?|Number|#)|Encounter\\s+(?:No\\.?|ID)|Visit\\s+(?:No\\.?|ID)", PhiType.MRN),
            new Keyword("医保卡号|医保号|社保卡号|社保号|医疗保险号|参保号|新农合号|保险单号|保单号|"
                    + "Insurance\\s+(?:ID|No\\.?|Number|#)|Member\\s+(?:ID|No\\.?|Number)|Policy\\s+(?:No\\.?|Number|#)|"
                    + "Medicare\\s+(?:ID|No\\.?|Number)|Medicaid\\s+(?:ID|No\\.?|Number)|Subscriber\\s+ID|Group\\s+(?:No\\.?|Number)|Beneficiary\\s+(?:ID|No\\.?|Number)", PhiType.INSURANCE),
            new Keyword("银行卡号|银行账号|账号|账户|帐号|Account\\s+(?:No\\.?|Number|#)|Acct\\.?\\s*(?:No\\.?|#)?|Billing\\s+(?:No\\.?|ID)", PhiType.ACCOUNT),
            new Keyword("执业证书编号|执业证号|执业证书号|资格证书号|驾驶证号|驾照号|"
                    + "Licen[cs]e\\s+(?:No\\.?|Number|#)|DEA\\s*(?:No\\.?|#)?|NPI|Driver'?s\\s+Licen[cs]e(?:\\s+(?:No\\.?|Number|#))?", PhiType.LICENSE),
            new Keyword("设备序列号|序列号|设备编号|器械编号|起搏器编号|植入物编号|"
                    + "Serial\\s+(?:No\\.?|Number|#)|S/N|Device\\s+(?:ID|No\\.?|Serial)|UDI|IMEI", PhiType.DEVICE),
            new Keyword("车牌号|车牌|车架号|VIN|License\\s+Plate|Licence\\s+Plate", PhiType.VEHICLE));

    private static final Pattern KEYWORD_IDS;
    private static final KeywordIndex URL_TRIGGERS = KeywordIndex.of(List.of("http", "ftp", "www."), true);
    private static final KeywordIndex PLATE_TRIGGERS = KeywordIndex.of(java.util.Arrays.asList(
            "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼".split("")), false);
    private static final KeywordIndex KEYWORD_ID_TRIGGERS;
    private static final KeywordIndex PHONE_TRIGGERS = KeywordIndex.fromAlternation(
            "电话|手机|联系|座机|传真|Tel|Phone|Cell|Mobile|Fax|Pager|Contact", true);
    private static final KeywordIndex POSTCODE_TRIGGERS = KeywordIndex.fromAlternation("邮编|邮政|postcode|post code|zip", true);
    private static final KeywordIndex SSN_TRIGGERS = KeywordIndex.fromAlternation("SSN|Social Security", false);

    static {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < KEYWORDS.size(); i++) {
            sb.append(i == 0 ? "" : "|").append("(?<k").append(i).append(">").append(KEYWORDS.get(i).pattern()).append(')');
        }
        StringBuilder plain = new StringBuilder();
        for (Keyword k : KEYWORDS) {
            plain.append(plain.isEmpty() ? "" : "|").append(k.pattern());
        }
        KEYWORD_ID_TRIGGERS = KeywordIndex.fromAlternation(plain.toString(), true);
        KEYWORD_IDS = Pattern.compile("(?:(?<![A-Za-z])(?i:" + sb + "))(?:\\s*(?:号码|编号|No\\.?|#))?\\s*(?:[:：#=]|is)?\\s*"
                + "(?<v>(?=[A-Za-z0-9-]{0,12}\\d)[A-Za-z0-9][A-Za-z0-9-]{3,30}|[\\u4e00-\\u9fa5][A-Z][·\\s]?[A-Z0-9]{5,6})");
    }

    @Override
    public void detect(String text, Language language, List<Span> out) {
        boolean digits = DateExpressions.hasDigit(text);
        findAround(text, '@', EMAIL, PhiType.EMAIL, out);
        if (text.contains("://") || text.contains("www.") || text.contains("WWW.")) {
            URL_TRIGGERS.forEachMatch(text, URL, m -> {
                int end = m.end();
                while (end > m.start() && ".,;:)]}!?".indexOf(text.charAt(end - 1)) >= 0) {
                    end--;
                }
                out.add(new Span(m.start(), end, PhiType.URL));
            });
        }
        if (!digits) {
            PLATE_TRIGGERS.forEachMatch(text, PLATE, k -> out.add(new Span(k.start(), k.end(), PhiType.VEHICLE)));
            return;
        }
        if (text.indexOf('.') >= 0) {
            scan(IPV4, text, StartScanner.DIGIT, c -> c == '.' || c >= '0' && c <= '9', PhiType.IP, out);
        }
        if (hasHexColonHex(text)) {
            find(IPV6, text, PhiType.IP, out);
        }
        scan(CN_MOBILE, text, c -> c == '+' || c == '0' || c == '1' || c == '8', StartScanner.ALNUM, PhiType.PHONE, out);
        scan(CN_LANDLINE, text, c -> c == '+' || c == '0' || c == '(' || c == '（', c -> c == '.' || StartScanner.ALNUM.test(c),
                PhiType.PHONE, out);
        scan(US_PHONE, text, c -> c == '+' || c == '(' || c >= '0' && c <= '9', StartScanner.ALNUM, PhiType.PHONE, out);
        PHONE_TRIGGERS.forEachMatch(text, KEYWORD_PHONE, m -> out.add(new Span(m.start(1), m.end(1), PhiType.PHONE)));
        if (text.indexOf('-') >= 0) {
            scan(SSN, text, StartScanner.DIGIT, c -> c == '-' || c >= '0' && c <= '9', PhiType.SSN, out);
        }
        StartScanner.forEachMatch(text, RESIDENT_ID, StartScanner.DIGIT, StartScanner.ALNUM, m -> {
            if (ResidentIdChecksum.valid(m.group())) {
                out.add(new Span(m.start(), m.end(), PhiType.ID_NUMBER));
            }
        });
        KEYWORD_ID_TRIGGERS.forEachMatch(text, KEYWORD_IDS, k -> out.add(keywordSpan(k, text)));
        SSN_TRIGGERS.forEachMatch(text, SSN_KEYWORD, k -> out.add(new Span(k.start(1), k.end(1), PhiType.SSN)));
        PLATE_TRIGGERS.forEachMatch(text, PLATE, k -> out.add(new Span(k.start(), k.end(), PhiType.VEHICLE)));
        POSTCODE_TRIGGERS.forEachMatch(text, POSTCODE, k -> out.add(new Span(k.start(1), k.end(1), PhiType.POSTCODE)));
        StartScanner.forEachMatch(text, LONG_NUMBER, c -> c >= '0' && c <= '9' || c >= 'A' && c <= 'Z',
                c -> StartScanner.ALNUM.test(c) || c == '.' || c == ',' || c == '-', m -> {
                    // Compact yyyymmdd dates are handled as dates; everything else this long is an identifier.
                    if (!(m.group().length() == 8 && m.group().matches("(?:19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])"))) {
                        out.add(new Span(m.start(), m.end(), PhiType.OTHER_ID));
                    }
                });
    }

    private static Span keywordSpan(Matcher m, String text) {
        PhiType type = PhiType.OTHER_ID;
        for (int i = 0; i < KEYWORDS.size(); i++) {
            if (m.group("k" + i) != null) {
                type = KEYWORDS.get(i).type();
                break;
            }
        }
        int end = m.end("v");
        while (end > m.start("v") && text.charAt(end - 1) == '-') {
            end--;
        }
        return new Span(m.start("v"), end, type);
    }

    /** Runs {@code p} only in windows around each occurrence of {@code anchor} (e-mail: '@'). */
    private static void findAround(String text, char anchor, Pattern p, PhiType type, List<Span> out) {
        int at = text.indexOf(anchor);
        int done = 0;
        Matcher m = p.matcher(text).useTransparentBounds(true);
        while (at >= 0) {
            int from = Math.max(done, at - 64);
            m.region(from, Math.min(text.length(), at + 256));
            while (m.find()) {
                if (m.start() <= at && m.end() > at) {
                    out.add(new Span(m.start(), m.end(), type));
                    done = m.end();
                    break;
                }
                if (m.start() > at) {
                    break;
                }
            }
            at = text.indexOf(anchor, Math.max(at + 1, done));
        }
    }

    /** An IPv6 address needs hex:hex somewhere; times (12:30) pass this cheap test but few notes have more. */
    private static boolean hasHexColonHex(String text) {
        for (int i = text.indexOf(':'); i > 0 && i < text.length() - 1; i = text.indexOf(':', i + 1)) {
            int j = text.indexOf(':', i + 1);
            if (j > i && j - i <= 5 && isHex(text.charAt(i - 1)) && isHex(text.charAt(i + 1))) {
                return true;
            }
            if (text.startsWith("::", i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static void scan(Pattern p, String text, StartScanner.CharTest canStart, StartScanner.CharTest cannotFollow,
            PhiType type, List<Span> out) {
        StartScanner.forEachMatch(text, p, canStart, cannotFollow, m -> out.add(new Span(m.start(), m.end(), type)));
    }

    static void find(Pattern p, String text, PhiType type, List<Span> out) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(new Span(m.start(), m.end(), type));
        }
    }

    static void findGroup(Pattern p, String text, int group, PhiType type, List<Span> out) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            if (m.start(group) >= 0 && m.end(group) > m.start(group)) {
                out.add(new Span(m.start(group), m.end(group), type));
            }
        }
    }
}
