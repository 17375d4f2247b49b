package org.medgo.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.GatewayTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A search the gateway cannot answer as asked is a 400 with an OperationOutcome, never a silently different
 * answer: malformed {@code _count}, {@code _offset}, {@code date} and {@code _lastUpdated}, and an
 * {@code _include}/{@code _revinclude} the CapabilityStatement does not advertise for that type.
 */
@GatewayTest
class SearchParameterErrorsTest {

    static final List<String> PAGED = List.of("Composition", "Condition", "Provenance", "AuditEvent");

    @LocalServerPort
    int port;

    @Test
    void malformedPagingParametersAre400WithAnOperationOutcome() throws Exception {
        for (String type : PAGED) {
            assertBadRequest(type + "?_count=ten");
            assertBadRequest(type + "?_count=-1");
            assertBadRequest(type + "?_count=1.5");
            assertBadRequest(type + "?_offset=first");
            assertBadRequest(type + "?_offset=-10");
            assertOk(type + "?_count=1&_offset=0");
        }
    }

    @Test
    void malformedDatesAre400WithAnOperationOutcome() throws Exception {
        for (String query : List.of("Composition?date=yesterday", "Composition?date=2026-13-45", "Composition?date=ge2026-02-30T25:00",
                "Composition?_lastUpdated=soon", "AuditEvent?date=last-week", "Composition?_lastUpdated=2026-99")) {
            assertBadRequest(query);
        }
        assertOk("Composition?date=ge2026-01-01&date=lt2027-01-01");
        assertOk("AuditEvent?date=ge2026-01-01T00:00:00Z");
    }

    @Test
    void underscoreParametersASearchDoesNotSupportAre400NotSilentlyIgnored() throws Exception {
        // each answered every match before, as if the filter had been applied
        for (String query : List.of("Condition?_lastUpdated=ge2026-01-01", "Provenance?_lastUpdated=ge2026-01-01", "Composition?_id=nope",
                "Condition?_text=pneumonia", "AuditEvent?_has:Patient:link:name=x", "Composition?_filter=status%20eq%20final")) {
            assertBadRequest(query);
        }
        assertOk("Composition?_lastUpdated=ge2026-01-01&_sort=-date&_count=2&_summary=count&_total=accurate");
        assertOk("Condition?_sort=-recorded-date&_count=1&_offset=0");
    }

    @Test
    void includeAndRevincludeWorkOnlyWhereTheCapabilityStatementAdvertisesThem() throws Exception {
        FhirHttp http = new FhirHttp(port);
        CapabilityStatement capabilities = FhirHttp.parse(CapabilityStatement.class, http.get("metadata"));
        List<CapabilityStatementRestResourceComponent> searchable = capabilities.getRestFirstRep().getResource().stream()
                .filter(r -> r.getInteraction().stream().anyMatch(i -> i.getCode() == TypeRestfulInteraction.SEARCHTYPE)).toList();
        assertThat(searchable).extracting(CapabilityStatementRestResourceComponent::getType).containsAll(PAGED);
        for (CapabilityStatementRestResourceComponent resource : searchable) {
            String type = resource.getType();
            for (String include : List.of(type + ":patient", type + ":subject", type + ":target", type + ":*")) {
                check(type + "?_count=1&_include=" + include, advertised(resource.getSearchInclude(), include));
            }
            for (String revinclude : List.of("Provenance:target", "Composition:entry", "AuditEvent:entity")) {
                check(type + "?_count=1&_revinclude=" + revinclude, advertised(resource.getSearchRevInclude(), revinclude));
            }
        }
    }

    private static boolean advertised(List<org.hl7.fhir.r4.model.StringType> advertised, String value) {
        return advertised.stream().anyMatch(s -> s.getValue().equals(value));
    }

    private void check(String query, boolean advertised) throws Exception {
        if (advertised) {
            assertOk(query);
        } else {
            assertBadRequest(query);
        }
    }

    private void assertOk(String query) throws Exception {
        HttpResponse<String> r = new FhirHttp(port).get(query);
        assertThat(r.statusCode()).as(query + ": " + r.body()).isEqualTo(200);
    }

    private void assertBadRequest(String query) throws Exception {
        HttpResponse<String> r = new FhirHttp(port).get(query);
        assertThat(r.statusCode()).as(query + ": " + r.body()).isEqualTo(400);
        OperationOutcome outcome = FhirHttp.parse(OperationOutcome.class, r);
        assertThat(outcome.getIssueFirstRep().getSeverity()).as(query).isIn(OperationOutcome.IssueSeverity.ERROR, OperationOutcome.IssueSeverity.FATAL);
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).as(query).isNotBlank();
    }
}
