package org.medgo.deidentify.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.medgo.deidentify.DeidSecrets;
import org.medgo.deidentify.DeidSession;
import org.medgo.deidentify.PhiType;

class TextDeidentifierTest {
    private final TextDeidentifier deid = TextDeidentifier.standard();

    private DeidSession session() {
        return DeidSession.newRequest(DeidSecrets.of(new byte[32]));
    }

    @Test
    void chineseNoteLosesItsIdentifiersAndKeepsItsMedicine() {
        String note = "患者张伟，男，92岁，住院号：ZY20240315，于2024年3月5日入院。身份证号11010519491231002X，电话13812345678，"
                + "家住北京市朝阳区建国路88号3单元502室。主治医师：李娜。值班医生查看患者。心前区疼痛，阿司匹林100mg qd，"
                + "血糖6.5mmol/L，ICD-10 I21.9。转至北京协和医院。王主任会诊。";
        TextResult r = deid.deidentify(note, Language.AUTO, session());
        assertThat(r.text()).doesNotContain("张伟", "92岁", "ZY20240315", "2024年3月5日", "11010519491231002X", "13812345678",
                "建国路", "李娜", "北京协和医院", "王主任");
        assertThat(r.text()).contains("值班医生查看患者", "心前区疼痛", "阿司匹林100mg qd", "血糖6.5mmol/L", "ICD-10 I21.9", "90+岁");
    }

    @Test
    void englishNoteLosesItsIdentifiersAndKeepsItsMedicine() {
        String note = "Patient: John Smith, MRN 12345678, DOB 03/05/1948, seen by Dr. Emily Chen on March 5, 2024. "
                + "Phone (555) 123-4567, email john.smith@example.com, SSN 123-45-6789, lives at 1234 Oak Street, "
                + "Springfield, IL 62704. Metformin 500 mg bid, HbA1c 7.2%, LOINC 4548-4. Parkinson disease, Murphy's sign "
                + "negative. He is a 93-year-old man. IP 192.168.1.20, https://portal.example.org/pt/1. Mr. Smith was admitted "
                + "to St. Mary's Hospital. BP 120/80, GOLD 2023 guideline.";
        TextResult r = deid.deidentify(note, Language.EN, session());
        assertThat(r.text()).doesNotContain("John", "Smith", "12345678", "03/05/1948", "Emily", "March 5, 2024", "123-4567",
                "john.smith@", "123-45-6789", "1234 Oak", "62704", "93-year", "192.168.1.20", "portal.example", "St. Mary");
        assertThat(r.text()).contains("Metformin 500 mg bid", "HbA1c 7.2%", "LOINC 4548-4", "Parkinson disease",
                "Murphy's sign", "BP 120/80", "GOLD 2023 guideline");
    }

    @Test
    void spansPointIntoTheOriginalText() {
        String note = "电话：13812345678；email a.b@example.org";
        List<Span> spans = deid.detect(note, Language.AUTO);
        assertThat(spans).extracting(s -> note.substring(s.start(), s.end())).containsExactly("13812345678", "a.b@example.org");
        assertThat(spans).extracting(Span::type).containsExactly(PhiType.PHONE, PhiType.EMAIL);
    }

    @Test
    void theSameValueGetsTheSameSurrogateWithinARequest() {
        DeidSession s = session();
        String a = deid.deidentify("患者：王秀英，电话13900001111", Language.AUTO, s).text();
        String b = deid.deidentify("家属称王秀英昨夜胸痛，联系13900001111", Language.AUTO, s).text();
        assertThat(a).isEqualTo("患者：[NAME_1]，电话[PHONE_1]");
        assertThat(b).contains("[NAME_1]", "[PHONE_1]");
    }

    @Test
    void residentIdNeedsAValidCheckDigit() {
        assertThat(ResidentIdChecksum.valid("11010519491231002X")).isTrue();
        assertThat(ResidentIdChecksum.valid("110105194912310021")).isFalse();
        assertThat(deid.detect("编号110105194912310021", Language.ZH)).extracting(Span::type).doesNotContain(PhiType.ID_NUMBER);
    }

    @Test
    void datesShiftInTheirOwnFormatAndBack() {
        String text = "2024-03-05, 2024/3/5, 2024年3月5日, 03/05/2024, March 5, 2024, 5 Mar 2024, 20240305";
        String shifted = TextDeidentifier.shiftDates(text, 40);
        assertThat(shifted).isEqualTo("2024-04-14, 2024/4/14, 2024年4月14日, 04/14/2024, April 14, 2024, 14 Apr 2024, 20240414");
        assertThat(TextDeidentifier.shiftDates(shifted, -40)).isEqualTo(text);
    }
}
