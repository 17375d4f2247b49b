package org.medgo.gateway.operations.input;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.medgo.gateway.operations.FhirHttp;
import org.medgo.gateway.operations.OperationsProperties;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Fuzzes the operations' request body reader (SECURITY.md): any body, as FHIR JSON or XML, with any request
 * id, either becomes a record within the caps or is refused with a 4xx; never a 5xx, never another
 * exception. Small caps (64 KiB, 50 entries) so the fuzzer reaches them.
 */
class RequestBodyReaderFuzzTest {

    private static final int MAX_ENTRIES = 50;
    private static final RequestBodyReader READER = new RequestBodyReader(FhirHttp.FHIR,
            new OperationsProperties(64L * 1024, MAX_ENTRIES, null, null, null, null, null, null));
    private static final String[] TYPES = {"application/fhir+json", "application/fhir+xml", "application/json; charset=utf-8",
            "application/xml", "text/plain", "application/x-json-evil"};

    // FHIR's words in both syntaxes: HAPI's parser is not coverage-instrumented (slow), so the seeds in
    // RequestBodyReaderFuzzTestInputs/ and these entries keep the mutations close to real bodies
    @DictionaryEntries({"\"resourceType\"", "\"Bundle\"", "\"Parameters\"", "\"collection\"", "\"entry\"", "\"resource\"",
            "\"parameter\"", "\"name\"", "\"bundle\"", "\"language\"", "\"requestId\"", "\"valueString\"", "\"Patient\"",
            "\"Encounter\"", "\"fullUrl\"", "<Bundle xmlns=\"http://hl7.org/fhir\">", "<entry>", "</entry>", "<resource>",
            "<Parameters xmlns=\"http://hl7.org/fhir\">", "value=\"", "<!DOCTYPE", "<!ENTITY", "&#", "\\u0000", "\uFEFF"})
    @FuzzTest(maxExecutions = 60_000, maxDuration = "3m")
    void anyBodyIsReadOrRefusedWithA4xx(FuzzedDataProvider data) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/fhir/Encounter/$summarize");
        request.setContentType(data.pickValue(TYPES));
        if (data.consumeBoolean()) {
            request.addHeader("X-Request-Id", data.consumeString(80));
        }
        request.setContent(data.consumeRemainingAsBytes());
        try {
            OperationInput input = READER.read(request);
            assertThat(input.bundle().getEntry()).hasSizeLessThanOrEqualTo(MAX_ENTRIES);
            assertThat(input.requestId()).matches("[A-Za-z0-9._:-]{1,64}");
        } catch (BaseServerResponseException refused) {
            assertThat(refused.getStatusCode()).as(refused.getMessage()).isBetween(400, 499);
        }
    }
}
