package org.medgo.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medgo.gateway.security.TestIssuer.INSTANCE;
import static org.medgo.gateway.security.TestIssuer.bearer;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.operations.FhirHttp;
import org.medgo.gateway.operations.SyntheticRecords;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 15 V1 and V3, reproduced with signed tokens of two clients: a request id is an idempotency key of
 * its client, checked after validation, and a job answers only its submitter.
 */
@SecuredGatewayTest
class RequestIdReplayTest {

    static final String EMR_SCOPES = "system/Composition.crs system/Encounter.r";
    static final String SUBMIT_ONLY = "system/Composition.c system/Encounter.r";

    @LocalServerPort
    int port;

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void anotherClientCanNeitherReadNorPlantARequestId() throws Exception {
        FhirHttp http = new FhirHttp(port);
        String requestId = "emr-" + UUID.randomUUID();
        SyntheticRecords.Record planted = SyntheticRecords.english(61, true);
        SyntheticRecords.Record real = SyntheticRecords.english(62, true);

        // the intruder uses the id first, with a record of its own
        HttpResponse<String> plant = summarize(http, planted.bundle(), requestId, token("intruder", SUBMIT_ONLY));
        assertThat(plant.statusCode()).as(plant.body()).isEqualTo(200);
        // the EMR's real call with that id gets its own record's document, not the planted one
        HttpResponse<String> mine = summarize(http, real.bundle(), requestId, token("emr", EMR_SCOPES));
        assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);
        assertThat(subjectOf(mine)).isEqualTo("Patient/" + real.patientId());

        // an empty Bundle with the EMR's id: refused by validation, nothing of the EMR's record comes back
        HttpResponse<String> replay = summarize(http, new Bundle().setType(Bundle.BundleType.COLLECTION), requestId, token("intruder", SUBMIT_ONLY));
        assertThat(replay.statusCode()).isEqualTo(422);
        assertThat(replay.body()).doesNotContain(real.patientId()).doesNotContain("Composition");

        // the EMR itself: another record under the same id is a conflict, not the first document
        HttpResponse<String> conflict = summarize(http, planted.bundle(), requestId, token("emr", EMR_SCOPES));
        assertThat(conflict.statusCode()).as(conflict.body()).isEqualTo(409);
        assertThat(conflict.body()).contains("OperationOutcome").doesNotContain(real.patientId());

        // a replay of the same input is a read of the stored document: Composition.r or 403
        HttpResponse<String> submitOnly = summarize(http, real.bundle(), requestId, token("emr", SUBMIT_ONLY));
        assertThat(submitOnly.statusCode()).as(submitOnly.body()).isEqualTo(403);
        HttpResponse<String> again = summarize(http, real.bundle(), requestId, token("emr", EMR_SCOPES));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Content-Location")).isEqualTo(mine.headers().firstValue("Content-Location"));

        // every document served under that id, the replay included, names its patient in the audit trail
        List<Map<String, Object>> served = JdbcClient.create(dataSource).sql("""
                SELECT client_id, patient_ref FROM audit_event
                WHERE request_id = ? AND subtype = 'operation:$summarize' AND outcome = '0' AND entity_ref LIKE 'Composition/%'""")
                .param(requestId).query().listOfRows();
        assertThat(served).hasSize(3).allSatisfy(row -> assertThat(row.get("patient_ref")).isNotNull());
        assertThat(served).filteredOn(row -> "emr".equals(row.get("client_id")))
                .allSatisfy(row -> assertThat(row.get("patient_ref")).isEqualTo("Patient/" + real.patientId()));
    }

    @Test
    void aJobAnswersOnlyItsSubmitter() throws Exception {
        FhirHttp http = new FhirHttp(port);
        Map<String, String> emr = new HashMap<>(token("emr", EMR_SCOPES));
        emr.put("Prefer", "respond-async");
        HttpResponse<String> accepted = http.post("Encounter/$summarize", SyntheticRecords.english(63, true).bundle(), emr);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String status = accepted.headers().firstValue("Content-Location").orElseThrow();

        assertThat(http.get(status, token("intruder", SUBMIT_ONLY)).statusCode()).isEqualTo(404);
        assertThat(http.send("DELETE", status, java.net.http.HttpRequest.BodyPublishers.noBody(), token("intruder", SUBMIT_ONLY)).statusCode())
                .as("nor cancel it").isEqualTo(404);
        assertThat(http.get(status, token("emr", EMR_SCOPES)).statusCode()).isIn(200, 202);
        // done with it: the submitter cancels, so the test leaves no model run behind
        assertThat(http.send("DELETE", status, java.net.http.HttpRequest.BodyPublishers.noBody(), token("emr", EMR_SCOPES)).statusCode())
                .isEqualTo(202);
    }

    @Test
    void anInvalidRecordIsRefusedBeforeAJobIsStored() throws Exception {
        FhirHttp http = new FhirHttp(port);
        Map<String, String> emr = new HashMap<>(token("emr", EMR_SCOPES));
        emr.put("Prefer", "respond-async");
        String requestId = "emr-" + UUID.randomUUID();
        emr.put("X-Request-Id", requestId);

        HttpResponse<String> refused = http.post("Encounter/$summarize", new Bundle().setType(Bundle.BundleType.COLLECTION), emr);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(JdbcClient.create(dataSource).sql("SELECT count(*) FROM operations_job WHERE request_id = ?").param(requestId)
                .query(Long.class).single()).isZero();
    }

    private static HttpResponse<String> summarize(FhirHttp http, Bundle record, String requestId, Map<String, String> auth) throws Exception {
        Map<String, String> headers = new HashMap<>(auth);
        headers.put("X-Request-Id", requestId);
        return http.post("Encounter/$summarize", record, headers);
    }

    private static Map<String, String> token(String client, String scopes) throws Exception {
        return bearer(INSTANCE.token(scopes, b -> b.claim("client_id", client)));
    }

    private static String subjectOf(HttpResponse<String> document) {
        Bundle bundle = FhirHttp.FHIR.newJsonParser().parseResource(Bundle.class, document.body());
        // Type/id: a document cites the EMR's full URLs
        return ((Composition) bundle.getEntryFirstRep().getResource()).getSubject().getReferenceElement().toUnqualifiedVersionless().getValue();
    }
}
