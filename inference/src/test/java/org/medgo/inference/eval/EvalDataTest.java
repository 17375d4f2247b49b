package org.medgo.inference.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed public samples and one line of each other supported layout. */
class EvalDataTest {

    static final Path SAMPLES = Path.of("src/test/resources/eval");
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void medQaSample() throws Exception {
        List<EvalItem> items = EvalData.multipleChoice(SAMPLES.resolve("medqa-sample.jsonl"));
        assertThat(items).extracting(EvalItem::gold).containsExactly("D", "A", "A", "B");
        assertThat(items.getFirst().labels()).containsExactly("A", "B", "C", "D");
        assertThat(items.getFirst().options().get(3)).isEqualTo("Nitrofurantoin");
        assertThat(EvalPrompts.messages(items.get(1), items.subList(0, 1))).hasSize(3)
                .satisfies(m -> assertThat(m.get(1).content()).isEqualTo("Answer: D"))
                .satisfies(m -> assertThat(m.get(2).content()).contains("A. Placing the infant", "D. Avoiding pacifier"));
    }

    @Test
    void pubMedQaSample() throws Exception {
        List<EvalItem> items = EvalData.pubmedQa(SAMPLES.resolve("pubmedqa-sample.json"));
        assertThat(items).hasSize(20);
        assertThat(items.stream().filter(i -> i.gold().equals("yes"))).hasSize(13);
        assertThat(items.stream().filter(i -> i.gold().equals("no"))).hasSize(6);
        assertThat(items.getFirst().id()).isEqualTo("21645374");
        assertThat(items.getFirst().question()).startsWith("Context:\n").contains("\nQuestion: ");
    }

    @Test
    void medMcqaAndMmluProLayouts() throws Exception {
        EvalItem medmcqa = EvalData.multipleChoice(JSON.readTree("""
                {"id":"x1","question":"Drug of choice?","opa":"a","opb":"b","opc":"c","opd":"d","cop":3,"subject_name":"Pharmacology"}"""), "1");
        assertThat(medmcqa.gold()).isEqualTo("C");
        assertThat(medmcqa.subject()).isEqualTo("Pharmacology");
        EvalItem mmluPro = EvalData.multipleChoice(JSON.readTree("""
                {"question":"Q?","options":["o1","o2","o3","o4","o5","o6","o7","o8","o9","o10"],"answer":"J","answer_index":9,"category":"health"}"""), "2");
        assertThat(mmluPro.labels()).hasSize(10).endsWith("J");
        assertThat(mmluPro.gold()).isEqualTo("J");
        assertThat(mmluPro.subject()).isEqualTo("health");
        assertThatThrownBy(() -> EvalData.multipleChoice(JSON.readTree("{\"question\":\"Q\",\"options\":[\"a\",\"b\"]}"), "3"))
                .hasMessageContaining("no answer");
    }
}
