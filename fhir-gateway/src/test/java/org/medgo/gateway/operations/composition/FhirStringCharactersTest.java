package org.medgo.gateway.operations.composition;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Condition;
import org.junit.jupiter.api.Test;

/** Model text with control characters (a JSON {@code \b} escape, say) must still give a parseable resource. */
class FhirStringCharactersTest {

    @Test
    void controlCharactersOtherThanTabAndLineBreaksAreRemoved() {
        String model = "Pneumonia\b, community\u0000-acquired\f\tlobar\r\nsee CXR";
        assertThat(FhirStringCharacters.withoutForbidden(model)).isEqualTo("Pneumonia, community-acquired\tlobar\r\nsee CXR");
        String clean = "肺炎 (community-acquired)\n";
        assertThat(FhirStringCharacters.withoutForbidden(clean)).isSameAs(clean);
    }

    @Test
    void theCleanedTextSurvivesAFhirJsonRoundTrip() {
        FhirContext fhir = FhirContext.forR4Cached();
        Condition c = new Condition();
        c.getCode().setText(FhirStringCharacters.withoutForbidden("fever\b\u0001 of unknown origin"));
        String json = fhir.newJsonParser().encodeResourceToString(c);
        Condition back = fhir.newJsonParser().parseResource(Condition.class, json);
        assertThat(back.getCode().getText()).isEqualTo("fever of unknown origin");
    }
}
