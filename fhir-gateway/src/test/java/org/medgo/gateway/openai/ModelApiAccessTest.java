package org.medgo.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medgo.gateway.openai.ModelApiAccess.Decision;

/** Who may call /v1 and whether the call is de-identified, as a table. */
class ModelApiAccessTest {

    @ParameterizedTest(name = "security {0}, scopes [{1}], identified asked {2} -> {3}")
    @CsvSource({
            "true,  medgo.chat,                         false, DEIDENTIFIED",
            "true,  medgo.chat,                         true,  NEEDS_ADMIN_FOR_IDENTIFIED",
            "true,  medgo.chat system/*.cruds,          true,  IDENTIFIED",
            "true,  system/*.cruds,                     false, DEIDENTIFIED",
            "true,  system/*.*,                         true,  IDENTIFIED",
            "true,  system/Composition.crs,             false, NEEDS_CHAT_SCOPE",
            "true,  '',                                 false, NEEDS_CHAT_SCOPE",
            "true,  system/Patient.cruds medgo.chat,    true,  NEEDS_ADMIN_FOR_IDENTIFIED",
            "false, '',                                 false, DEIDENTIFIED",
            "false, '',                                 true,  IDENTIFIED"})
    void decision(boolean security, String scopes, boolean identified, Decision expected) {
        List<String> list = scopes.isBlank() ? List.of() : Arrays.asList(scopes.trim().split("\\s+"));
        Decision d = ModelApiAccess.decide(security, list, identified);
        assertThat(d).isEqualTo(expected);
        assertThat(ModelApiAccess.refusal(d) == null).isEqualTo(d == Decision.DEIDENTIFIED || d == Decision.IDENTIFIED);
    }
}
