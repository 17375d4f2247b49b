package org.medgo.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medgo.inference.chat.ReasoningSplit;

/**
 * Streamed splitting gives what the engine's whole-text split gives ({@link ReasoningSplit}), however the
 * text is cut into deltas, and never shows part of a tag.
 */
class ReasoningStreamTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "<think>\nThe patient has fever.\nConsider sepsis.\n</think>\n\nBlood cultures first.",
            "<think>\n\n</think>\n\nAnswer only.",
            "Plain answer without thinking.",
            "<think>\nunfinished reasoning cut by the token limit",
            "\n<think>x</think>y",
            "a < b and </thin is not a tag",
            "<think>患者发热三天。</think>\n\n建议血培养。"})
    void everySplitPointGivesTheWholeTextSplit(String generated) {
        ReasoningSplit whole = ReasoningSplit.of(generated);
        for (int cut = 0; cut <= generated.length(); cut++) {
            for (int step : new int[] {1, 3}) {
                ReasoningStream stream = new ReasoningStream();
                List<ReasoningStream.Piece> pieces = new ArrayList<>(stream.push(generated.substring(0, cut)));
                for (int i = cut; i < generated.length(); i += step) {
                    pieces.addAll(stream.push(generated.substring(i, Math.min(generated.length(), i + step))));
                }
                pieces.addAll(stream.finish());
                StringBuilder reasoning = new StringBuilder();
                StringBuilder content = new StringBuilder();
                for (ReasoningStream.Piece p : pieces) {
                    assertThat(p.text()).doesNotContain("<think>", "</think>");
                    (p.channel() == ReasoningStream.Channel.REASONING ? reasoning : content).append(p.text());
                }
                if (generated.stripLeading().startsWith("<think>")) {
                    assertThat(reasoning.toString()).as("cut %d step %d", cut, step).isEqualTo(whole.reasoning());
                    assertThat(content.toString()).as("cut %d step %d", cut, step).isEqualTo(whole.content());
                } else {
                    assertThat(reasoning.toString()).isEmpty();
                    assertThat(content.toString()).isEqualTo(generated);
                }
            }
        }
    }
}
