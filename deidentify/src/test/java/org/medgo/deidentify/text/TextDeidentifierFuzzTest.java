package org.medgo.deidentify.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.medgo.deidentify.DeidSecrets;
import org.medgo.deidentify.DeidSession;

/**
 * Fuzzes the free-text de-identifier (SECURITY.md): any text in any language hint is de-identified without
 * an exception or a hang, and its replacements stay within the text's bounds. CI runs it in fuzzing mode
 * for {@code maxExecutions} inputs; the corpus lies in {@code TextDeidentifierFuzzTestInputs/}.
 */
class TextDeidentifierFuzzTest {

    private static final TextDeidentifier TEXT = TextDeidentifier.standard();
    private static final DeidSecrets SECRETS = DeidSecrets.of(new byte[32]);

    @FuzzTest(maxExecutions = 25_000, maxDuration = "3m")
    void anyTextIsDeidentified(FuzzedDataProvider data) {
        Language language = data.pickValue(Language.values());
        String text = data.consumeRemainingAsString();

        TextResult result = TEXT.deidentify(text, language, DeidSession.newRequest(SECRETS));

        assertThat(result.text()).isNotNull();
        result.spans().forEach(span -> assertThat(span.end()).isBetween(span.start(), text.length()));
    }
}
