package org.medgo.deidentify.eval;

import static org.medgo.deidentify.eval.SyntheticCorpus.dateZh;
import static org.medgo.deidentify.eval.SyntheticCorpus.digits;
import static org.medgo.deidentify.eval.SyntheticCorpus.ipv4;
import static org.medgo.deidentify.eval.SyntheticCorpus.letters;
import static org.medgo.deidentify.eval.SyntheticCorpus.pick;

import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import org.medgo.deidentify.PhiType;

/** Chinese note generator. */
final class Chinese {
    // Common surnames, compound ones, and rare ones the detector's list does not have (亓 笪 郗 宓 逯 厍 佴).
    static final List<String> SURNAMES = List.of("王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
            "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田",
            "董", "潘", "袁", "蔡", "蒋", "余", "于", "杜", "叶", "程", "魏", "苏", "吕", "丁", "任", "卢", "姚", "沈", "钟", "姜",
            "崔", "谭", "陆", "范", "汪", "廖", "石", "金", "韦", "贾", "夏", "付", "方", "邹", "熊", "白", "孟", "秦", "邱", "侯",
            "江", "尹", "薛", "闫", "段", "雷", "龙", "黎", "史", "陶", "贺", "毛", "郝", "顾", "龚", "邵", "万", "覃", "武", "钱",
            "欧阳", "司马", "上官", "诸葛", "亓", "笪", "郗", "宓", "逯", "厍", "佴");
    static final String GIVEN_CHARS = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰文斌辉鹏飞宇浩然欣怡子涵梓萱"
            + "雨泽思远佳琪晨阳婷俊凯博文嘉一诺皓轩梦瑶语桐淑珍德福春梅海燕晓东立新振宇慧琳亚楠";
    static final List<String> PROVINCES = List.of("广东省", "浙江省", "江苏省", "四川省", "湖北省", "山东省", "河南省", "福建省",
            "湖南省", "安徽省", "辽宁省", "陕西省");
    static final List<String> CITIES = List.of("广州市", "杭州市", "南京市", "成都市", "武汉市", "青岛市", "郑州市", "厦门市",
            "长沙市", "合肥市", "沈阳市", "西安市", "佛山市", "绍兴市", "宜宾市", "荆州市", "临沂市", "洛阳市", "泉州市", "株洲市");
    static final List<String> DISTRICTS = List.of("天河区", "西湖区", "鼓楼区", "武侯区", "江汉区", "市南区", "金水区", "思明区",
            "岳麓区", "蜀山区", "和平区", "雁塔区", "南海区", "越城区", "翠屏区", "沙市区");
    static final List<String> ROADS = List.of("中山路", "人民路", "解放大道", "建设路", "文化路", "科技路", "和平街", "新华路",
            "长江路", "黄河路", "滨江大道", "学院路");
    static final List<String> HOSPITALS = List.of("人民医院", "中医院", "第一人民医院", "妇幼保健院", "大学附属第一医院", "儿童医院",
            "肿瘤医院", "中心医院");
    static final List<String> HARD_NEGATIVES = List.of("阿司匹林100mg qd", "二甲双胍0.5g bid", "血糖6.5mmol/L",
            "血压132/84mmHg", "心前区疼痛", "肝区叩痛", "ICD-10 I21.9", "左心室射血分数45%", "头孢曲松2g ivgtt qd",
            "白细胞12.5×10^9/L", "NYHA II级", "全身麻醉", "高血压病史10年", "胸片示双肺纹理增粗", "查体：神志清", "安静状态下心率78次/分",
            "常规心电图", "治疗方案", "明显压痛", "肌酐88μmol/L", "GOLD 2023", "2019年指南", "肌钙蛋白I 0.04ng/mL", "糖化血红蛋白7.2%",
            "值班医生", "主任医师", "主治医师查房", "华法林3mg qn", "胰岛素8U皮下注射", "钾4.1mmol/L", "高热39.2℃", "石膏固定",
            "白蛋白32g/L", "王氏征阴性");

    private Chinese() {
    }

    static String name(Random r) {
        String s = pick(r, SURNAMES);
        int len = r.nextInt(10) < 7 ? 2 : 1;
        StringBuilder g = new StringBuilder();
        for (int i = 0; i < len; i++) {
            g.append(GIVEN_CHARS.charAt(r.nextInt(GIVEN_CHARS.length())));
        }
        return s + g;
    }

    static String mobile(Random r) {
        String n = "1" + (3 + r.nextInt(7)) + digits(r, 9).substring(0, 9);
        return switch (r.nextInt(4)) {
            case 0 -> n;
            case 1 -> n.substring(0, 3) + "-" + n.substring(3, 7) + "-" + n.substring(7);
            case 2 -> "+86 " + n.substring(0, 3) + " " + n.substring(3, 7) + " " + n.substring(7);
            default -> n.substring(0, 3) + " " + n.substring(3, 7) + " " + n.substring(7);
        };
    }

    static String landline(Random r) {
        String[] area = {"010", "021", "020", "0755", "0571", "028", "027", "025"};
        String a = area[r.nextInt(area.length)];
        String num = digits(r, 8);
        return switch (r.nextInt(3)) {
            case 0 -> a + "-" + num;
            case 1 -> "(" + a + ")" + num;
            default -> a + num;
        };
    }

    static String address(Random r) {
        String road = pick(r, ROADS) + (1 + r.nextInt(300)) + "号";
        String tail = r.nextBoolean() ? (1 + r.nextInt(20)) + "栋" + (1 + r.nextInt(30)) + "0" + (1 + r.nextInt(6)) + "室" : "";
        return switch (r.nextInt(3)) {
            case 0 -> pick(r, PROVINCES) + pick(r, CITIES) + pick(r, DISTRICTS) + road + tail;
            case 1 -> pick(r, CITIES) + pick(r, DISTRICTS) + road + tail;
            default -> pick(r, PROVINCES) + pick(r, CITIES) + pick(r, DISTRICTS) + road;
        };
    }

    static String hospital(Random r) {
        String city = pick(r, CITIES);
        return r.nextBoolean() ? city.substring(0, city.length() - 1) + pick(r, HOSPITALS) : city + pick(r, HOSPITALS);
    }

    static LabelledNote note(Random r, String id) {
        NoteBuilder b = new NoteBuilder();
        String patient = name(r);
        String doctor = name(r);
        switch (r.nextInt(4)) {
            case 0 -> b.t("姓名：").p(PhiType.NAME, patient).t("  性别：男  住院号：").p(PhiType.MRN, digits(r, 8))
                    .t("  入院日期：").p(PhiType.DATE, dateZh(r)).t("\n");
            case 1 -> b.t("患者").p(PhiType.NAME, patient).t("，女，病案号").p(PhiType.MRN, "BA" + digits(r, 7)).t("，于")
                    .p(PhiType.DATE, dateZh(r)).t("入院。\n");
            case 2 -> b.t("门诊号：").p(PhiType.MRN, digits(r, 10)).t("\n患者姓名：").p(PhiType.NAME, patient).t("，就诊日期 ")
                    .p(PhiType.DATE, dateZh(r)).t("\n");
            default -> b.t("病历号 ").p(PhiType.MRN, "ZY" + digits(r, 8)).t("，患者：").p(PhiType.NAME, patient).t("，")
                    .p(PhiType.DATE, dateZh(r)).t("就诊。\n");
        }
        List<BiConsumer<NoteBuilder, Random>> sentences = List.of(
                (nb, x) -> nb.t("身份证号：").p(PhiType.ID_NUMBER, SyntheticCorpus.residentId(x)).t("。\n"),
                (nb, x) -> nb.t("联系电话").p(PhiType.PHONE, mobile(x)).t("，家属").p(PhiType.NAME, name(x)).t("（女儿）。\n"),
                (nb, x) -> nb.t("家住").p(PhiType.ADDRESS, address(x)).t("，").keep(pick(x, HARD_NEGATIVES)).t("。\n"),
                (nb, x) -> nb.t("现住址：").p(PhiType.ADDRESS, address(x)).t("；单位电话").p(PhiType.PHONE, landline(x)).t("。\n"),
                (nb, x) -> nb.t("患者系").p(PhiType.ADDRESS, address(x)).t("居民，").p(PhiType.AGE, (90 + x.nextInt(12)) + "岁")
                        .t("，").keep(pick(x, HARD_NEGATIVES)).t("。\n"),
                (nb, x) -> nb.t("年龄：").p(PhiType.AGE, String.valueOf(90 + x.nextInt(10))).t("岁，").keep(pick(x, HARD_NEGATIVES)).t("。\n"),
                (nb, x) -> nb.t("主治医师：").p(PhiType.NAME, doctor).t("，").keep(pick(x, HARD_NEGATIVES)).t("。\n"),
                (nb, x) -> nb.t("由").p(PhiType.NAME, doctor).t("医生接诊，").keep(pick(x, HARD_NEGATIVES)).t("，").keep(pick(x, HARD_NEGATIVES)).t("。\n"),
                (nb, x) -> nb.t("曾于").p(PhiType.DATE, dateZh(x)).t("在").p(PhiType.ORGANIZATION, hospital(x)).t("行冠脉造影。\n"),
                (nb, x) -> nb.t("转至").p(PhiType.ORGANIZATION, hospital(x)).t("进一步治疗，").keep(pick(x, HARD_NEGATIVES)).t("。\n"),
                (nb, x) -> nb.t("医保卡号：").p(PhiType.INSURANCE, digits(x, 12)).t("，银行卡号").p(PhiType.ACCOUNT, "62" + digits(x, 17)).t("。\n"),
                (nb, x) -> nb.t("邮箱 ").p(PhiType.EMAIL, "pt" + digits(x, 5) + "@" + pick(x, List.of("163.com", "qq.com", "example.cn")))
                        .t("，随访平台 ").p(PhiType.URL, "https://fu.example.cn/p/" + digits(x, 6)).t("。\n"),
                (nb, x) -> nb.t("起搏器序列号：").p(PhiType.DEVICE, letters(x, 2) + digits(x, 8)).t("，").keep(pick(x, HARD_NEGATIVES)).t("。\n"),
                (nb, x) -> nb.t("车牌号").p(PhiType.VEHICLE, "粤B" + letters(x, 1) + digits(x, 4)).t("，登录IP ").p(PhiType.IP, ipv4(x)).t("。\n"),
                (nb, x) -> nb.p(PhiType.NAME, patient).t(x.nextBoolean() ? "先生" : "女士").t("诉").keep(pick(x, HARD_NEGATIVES)).t("。\n"),
                (nb, x) -> nb.t("复查：").keep(pick(x, HARD_NEGATIVES)).t("，").keep(pick(x, HARD_NEGATIVES)).t("，")
                        .p(PhiType.DATE, dateZh(x)).t("复诊。\n"),
                (nb, x) -> nb.t("执业证书编号：").p(PhiType.LICENSE, digits(x, 15)).t("。\n"),
                (nb, x) -> nb.t("Patient ").p(PhiType.NAME, patient).t(" 英文随访邮件 ").p(PhiType.EMAIL, "f" + digits(x, 4) + "@example.com")
                        .t("，").keep(pick(x, HARD_NEGATIVES)).t("。\n"));
        SyntheticCorpus.shuffled(r, b, sentences, 6 + r.nextInt(5));
        b.t("记录者：").p(PhiType.NAME, doctor).t("  ").p(PhiType.DATE, dateZh(r)).t("\n");
        return b.build(id, "zh");
    }
}
