package org.medgo.gateway.operations.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medgo.gateway.operations.FhirHttp;
import org.medgo.gateway.operations.OperationsProperties;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Issue 15, lower list: any Content-Type containing "json" (or "xml") was parsed as FHIR. Only the FHIR media
 * types and their generic forms are; everything else is a 415 before the body is read.
 */
class StrictMediaTypeTest {

    private static final RequestBodyReader READER = new RequestBodyReader(FhirHttp.FHIR,
            new OperationsProperties(64L * 1024, 50, null, null, null, null, null, null));
    private static final String BUNDLE = "{\"resourceType\":\"Bundle\",\"type\":\"collection\"}";

    @ParameterizedTest
    @ValueSource(strings = {"application/x-json-evil", "text/json-ish", "multipart/form-data; boundary=json", "application/jsonp",
            "image/svg+xml", "application/xhtml+xml", "text/plain; note=json"})
    void otherTypesMentioningJsonOrXmlAre415(String type) {
        assertThatThrownBy(() -> READER.read(request(type))).isInstanceOf(UnsupportedMediaTypeException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/fhir+json", "application/fhir+json; charset=utf-8", "APPLICATION/JSON", "application/json+fhir"})
    void theFhirJsonTypesAreRead(String type) {
        assertThat(READER.read(request(type)).bundle().getType().toCode()).isEqualTo("collection");
    }

    private static MockHttpServletRequest request(String type) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/fhir/Encounter/$summarize");
        request.setContentType(type);
        request.setContent(BUNDLE.getBytes(StandardCharsets.UTF_8));
        return request;
    }
}
