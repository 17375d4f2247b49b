package org.medgo.deidentify.text;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medgo.deidentify.PhiType;

/**
 * Chinese personal names: a common surname (single or compound) plus one or two given-name characters,
 * accepted only next to a cue: a role or label before it (患者, 姓名：, 主治医师, 家属 ...) or a title after it
 * (先生, 女士, 医生, 主任 ...). Also 张某/张某某 pseudonyms. Given-name characters that are far more often
 * the next word (因, 于, 入, 男, 今 ...) end the name.
 */
final class ChineseNameDetector implements Detector {
    private static final String PREFIX_WORDS = "患者|病人|病患|姓名|名字|联系人|监护人|家属|签名|签字|医师|医生|主任|护士|护师|技师|药师|记录者|记录人|记录|审核人|审核|报告人|报告医师|报告者|检查者|操作者|主治医师|住院医师|主刀|术者|一助|二助|助手|麻醉医师|麻醉师|申请医生|申请医师|送检医生|送检医师|会诊医师|经治医师|主管医师|上级医师|其子|其女|其夫|其妻|之子|之女|儿子|女儿|丈夫|妻子|配偶|母亲|父亲|患儿|孕妇|产妇|老人|同学|邻居|介绍人|转诊医生";
    private static final Pattern PREFIX = Pattern.compile("(?:" + PREFIX_WORDS + ")[：:\\s]*");
    private static final KeywordIndex PREFIX_TRIGGERS = KeywordIndex.fromAlternation(PREFIX_WORDS, false);
    private static final String SUFFIX_WORDS = "先生|女士|小姐|同志|老师|教授|大夫|医生|医师|主任|护士长|护士|院长|主治|阿姨|叔叔|奶奶|爷爷|老人|患儿";
    private static final KeywordIndex SUFFIX_TRIGGERS = KeywordIndex.fromAlternation(SUFFIX_WORDS, false);

    private static final Pattern SUFFIX = Pattern.compile(
            "(?:先生|女士|小姐|同志|老师|教授|大夫|医生|医师|主任|护士长|护士|院长|主治|阿姨|叔叔|奶奶|爷爷|老人|患儿)");
    private static final Pattern PSEUDONYM = Pattern.compile("某某|某");
    /** Words ending in a surname character that are not followed by a name (主任医师 is not 任医师). */
    private static final Set<String> BLOCKED_BEFORE = Set.copyOf(java.util.Arrays.asList("主任", "值班", "主管", "住院", "接诊", "首诊", "会诊", "责任",
            "上级", "进修", "实习", "规培", "床位", "专科", "全科", "家庭", "社区", "麻醉", "手术", "护理", "营养", "康复",
            "管床", "主诊", "门诊", "急诊", "主刀", "经治", "带教", "分管", "科室", "副主", "主治", "治疗", "医疗", "原因", "同时",
            "期间", "时间", "其间", "中间", "之间", "空间", "房间", "夜间", "晚间", "胸前", "当时", "平时", "及时", "定时", "按时"));
    private static final String STOP_GIVEN =
            "因于在入出院今昨前后年月日时天晚诉述自以经并伴及和与的了是为有无不未已曾现既病症痛热咳血压率性男女岁个次"
            + "行服用给予来去到至从对将把被由见示查诊治疗术科室部班级床号例名位等某先女医护主师生长士教授老同大夫院姐阿叔奶爷患儿家属"
            + "，。、；：,.;:（）()《》“”\"' 　\t\r\n0123456789";
    private static final Set<String> NOT_NAMES = Set.copyOf(java.util.Arrays.asList("王者", "高血", "高热", "高压", "高危", "高度", "黄疸", "白细", "白蛋",
            "白带", "石膏", "金黄", "甘油", "钟点", "方案", "方式", "方向", "方法", "常规", "常见", "常用", "全身", "全麻", "全部",
            "全血", "全程", "安静", "安全", "宁静", "明显", "明确", "文献", "康复", "项目", "简单", "华法", "管理", "管路", "管道",
            "管腔", "车祸", "时间", "成功", "成人", "成分", "单位", "单纯", "单侧", "双侧", "和缓", "任何", "向外", "关节", "关于",
            "包括", "包块", "毛细", "毛发", "龙胆", "杜冷", "邵氏", "谷丙", "谷草", "路径", "应用", "应激", "应答", "尚可", "尚未",
            "商品", "武器", "计划", "符合", "柴胡", "房颤", "房间", "解热", "席位", "卫生", "米索", "柏油", "宗旨", "程度", "苏醒",
            "余下", "余量", "江南", "胡萝", "牛奶", "牛黄", "马来", "林可", "于是", "于今", "冷汗", "冷感", "温度", "温水", "童年",
            "甄别", "查体", "查见", "查血", "连续", "连接", "左侧", "左右", "左心", "左肺", "左下", "左上", "左室", "左房", "司机",
            "古代", "吉兰", "查看", "查房", "查阅", "查询", "解释", "解除", "解决", "解痉", "安排", "安慰", "安抚", "尚需", "应予", "应当", "应该", "严密", "严格", "严重", "于当", "于我", "于明", "于晨", "于清", "于早", "于午", "于夜", "明日", "明天", "明晨", "明早", "晨起", "于外", "于本", "于次", "于近", "于门", "于急", "于术", "华西", "文字", "房室", "宫颈", "宫腔", "卫生", "席间", "祝愿", "连同", "陆续", "钱款", "向家", "向其", "向患", "随访", "戴口", "江湖", "黎明", "万一", "万分", "乔装", "易于", "易感", "齐全", "成为", "成立", "康师", "常常", "时常", "时刻", "景区", "路过", "路口", "沈阳", "苏州", "杭州", "温州", "常州", "包头", "柳州", "金华", "洪水", "沙丁", "沙门", "巫术", "仲裁", "明天", "明日", "时期", "时有", "景象", "党员", "费用", "卜算", "向前"));

    private final Set<String> surnames;

    ChineseNameDetector(Dictionaries dictionaries) {
        this.surnames = dictionaries.zhSurnames();
    }

    @Override
    public void detect(String text, Language language, List<Span> out) {
        if (!language.chinese() || !AddressDetector.hasHan(text)) {
            return;
        }
        PREFIX_TRIGGERS.forEachMatch(text, PREFIX, k -> {
            int end = afterName(text, k.end(), 1);
            if (end < 0 && isLabel(k.group())) {
                end = labelledValue(text, k.end());
            }
            if (end > 0) {
                out.add(new Span(k.end(), end, PhiType.NAME));
            }
        });
        SUFFIX_TRIGGERS.forEachMatch(text, SUFFIX, k -> {
            int start = beforeTitle(text, k.start());
            if (start < 0) {
                start = standaloneBeforeTitle(text, k.start());
            }
            if (start >= 0) {
                out.add(new Span(start, k.start(), PhiType.NAME));
            }
        });
        if (text.indexOf('某') < 0) {
            return;
        }
        Matcher m = PSEUDONYM.matcher(text);
        while (m.find()) {
            int s = m.start() - 1;
            if (s >= 0 && surnames.contains(String.valueOf(text.charAt(s)))) {
                int e = m.end();
                out.add(new Span(s, e, PhiType.NAME));
                if (!m.hitEnd() && m.end() < text.length() && text.charAt(m.end()) == '某') {
                    m.region(m.end() + 1, text.length());
                }
            }
        }
    }

    /** "姓名：" style label (role + colon): what follows is the value, whatever the surname. */
    private static boolean isLabel(String prefix) {
        String p = prefix.strip();
        return p.endsWith("：") || p.endsWith(":");
    }

    /** 2..3 name characters right after a label, for surnames outside the dictionary; -1 if none. */
    private static int labelledValue(String text, int pos) {
        int p = pos;
        while (p < text.length() && p - pos < 3 && isHan(text.charAt(p)) && (p == pos || isGivenChar(text.charAt(p)))) {
            p++;
        }
        int len = p - pos;
        boolean endsClean = p >= text.length() || !isHan(text.charAt(p));
        return len >= 2 && endsClean && !roleWord(text.substring(pos, p)) ? p : -1;
    }

    /** 2..3 characters between a clause start (punctuation, line start) and a title: 佴琪辉先生. */
    private static int standaloneBeforeTitle(String text, int titleStart) {
        for (int len = 3; len >= 2; len--) {
            int s = titleStart - len;
            if (s < 0) {
                continue;
            }
            boolean clauseStart = s == 0 || !isHan(text.charAt(s - 1)) && !Character.isLetterOrDigit(text.charAt(s - 1));
            if (!clauseStart) {
                continue;
            }
            boolean ok = isHan(text.charAt(s));
            for (int i = s + 1; i < titleStart; i++) {
                ok &= isGivenChar(text.charAt(i));
            }
            if (ok && !roleWord(text.substring(s, titleStart))) {
                return s;
            }
        }
        return -1;
    }

    /** Words that stand before a title or after a label without being a name (主任医师, 值班医生, 家属：本人). */
    private static boolean roleWord(String candidate) {
        String two = candidate.substring(0, 2);
        return BLOCKED_BEFORE.contains(two) || NOT_NAMES.contains(two) || ROLE_WORDS.contains(two);
    }

    private static final Set<String> ROLE_WORDS = Set.of("患者", "病人", "家属", "本人", "本院", "我院", "外院", "上述", "以上",
            "不详", "未知", "同上", "其他", "无名", "见上", "副主", "主任", "护士", "医生", "医师", "陪护", "亲属", "病患", "患儿");

    /** End of a surname + 1..2 given characters starting at {@code pos}, or -1. */
    private int afterName(String text, int pos, int minGiven) {
        int surnameLen = surnameAt(text, pos);
        if (surnameLen == 0) {
            return -1;
        }
        int g = 0;
        int p = pos + surnameLen;
        while (g < 2 && p + g < text.length() && isGivenChar(text.charAt(p + g))) {
            g++;
        }
        if (g < minGiven) {
            return -1;
        }
        String candidate = text.substring(pos, p + Math.min(g, 2));
        if (NOT_NAMES.contains(candidate.substring(0, Math.min(2, candidate.length())))) {
            return -1;
        }
        return p + g;
    }

    /** Start of the name right before a title at {@code titleStart}, or -1. */
    private int beforeTitle(String text, int titleStart) {
        for (int g = 2; g >= 0; g--) {
            for (int sl = 2; sl >= 1; sl--) {
                int s = titleStart - g - sl;
                if (s < 0) {
                    continue;
                }
                if (!surnames.contains(text.substring(s, s + sl))) {
                    continue;
                }
                boolean ok = true;
                for (int i = s + sl; i < titleStart; i++) {
                    ok &= isGivenChar(text.charAt(i));
                }
                if (!ok) {
                    continue;
                }
                if (s >= 1 && BLOCKED_BEFORE.contains(text.substring(s - 1, s + 1))) {
                    continue;
                }
                if (s + 2 <= titleStart && NOT_NAMES.contains(text.substring(s, s + 2))) {
                    continue;
                }
                // With no given name the surname must stand on its own (王主任), not end a word (班主任).
                if (g == 0 && s >= 1 && isHan(text.charAt(s - 1)) && "由请经向与和被给叫找及、对同跟让".indexOf(text.charAt(s - 1)) < 0) {
                    continue;
                }
                return s;
            }
        }
        return -1;
    }

    private int surnameAt(String text, int pos) {
        if (pos + 2 <= text.length() && surnames.contains(text.substring(pos, pos + 2))) {
            return 2;
        }
        if (pos < text.length() && surnames.contains(String.valueOf(text.charAt(pos)))) {
            return 1;
        }
        return 0;
    }

    private static boolean isGivenChar(char c) {
        return isHan(c) && STOP_GIVEN.indexOf(c) < 0;
    }

    static boolean isHan(char c) {
        return c >= '\u4e00' && c <= '\u9fa5';
    }
}
