package org.medgo.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medgo.gateway.security.TestIssuer.INSTANCE;
import static org.medgo.gateway.security.TestIssuer.bearer;

import java.net.http.HttpResponse;
import java.util.Map;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.operations.FhirHttp;
import org.medgo.gateway.operations.SyntheticRecords;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SMART scopes per type, interaction and operation with real tokens: what a scope does not grant is a
 * 403 OperationOutcome (and an audit record); a patient-context token sees only its patient; only a
 * user-context Composition.u token approves, and the approval names that user.
 */
@SecuredGatewayTest
class ScopeEnforcementTest {

    static final String EMR = "system/Composition.crs system/Encounter.r";

    @LocalServerPort
    int port;

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void theDefinitionsTheCapabilityStatementListsAreReadableWithoutAToken() throws Exception {
        FhirHttp http = new FhirHttp(port);
        org.hl7.fhir.r4.model.CapabilityStatement cs = FhirHttp.FHIR.newJsonParser().parseResource(
                org.hl7.fhir.r4.model.CapabilityStatement.class, http.get("/fhir/metadata", Map.of()).body());
        String definition = cs.getRestFirstRep().getResource().stream().flatMap(r -> r.getOperation().stream())
                .filter(o -> o.getName().equals("differential")).findFirst().orElseThrow().getDefinition();
        HttpResponse<String> operation = http.get("/fhir/" + definition.substring(definition.indexOf("OperationDefinition/")), Map.of());
        assertThat(operation.statusCode()).as(operation.body()).isEqualTo(200);
        assertThat(http.get("/fhir/StructureDefinition/differential-likelihood", Map.of()).statusCode()).isEqualTo(200);
        assertThat(http.get("/fhir/CodeSystem?url=https://medgo.org/fhir/CodeSystem/audit-event-type", Map.of()).statusCode()).isEqualTo(200);
        assertThat(http.get("/fhir/Composition?_count=1", Map.of()).statusCode()).as("the rest still needs one").isEqualTo(401);
    }

    @Test
    void operationsNeedTheirScopes() throws Exception {
        FhirHttp http = new FhirHttp(port);
        String bundle = FhirHttp.FHIR.newJsonParser().encodeResourceToString(SyntheticRecords.english(31, true).bundle());
        long before = forbidden();
        assertForbidden(http.post("/fhir/Encounter/$summarize", bundle, bearer(INSTANCE.token("system/Composition.rs system/Encounter.r"))), "no Composition.c");
        assertForbidden(http.post("/fhir/Encounter/$summarize", bundle, bearer(INSTANCE.token("system/Composition.c"))), "no Encounter.r");
        assertForbidden(http.post("/fhir/Encounter/$summarize", bundle, bearer(INSTANCE.token("patient/*.cruds", b -> b.claim("patient", "p1")))), "patient scopes");
        assertForbidden(http.post("/fhir/Bundle/$deidentify", bundle, bearer(INSTANCE.token(EMR))), "$deidentify is administrative");
        assertThat(forbidden()).isGreaterThanOrEqualTo(before + 4);

        HttpResponse<String> created = http.post("/fhir/Encounter/$summarize", bundle, bearer(INSTANCE.token(EMR)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String id = created.headers().firstValue("Content-Location").orElseThrow().replaceAll(".*/Composition/", "").replaceAll("/_history.*", "");
        String approve = "/fhir/Composition/" + id + "/$approve";
        String empty = FhirHttp.FHIR.newJsonParser().encodeResourceToString(new Parameters());

        assertForbidden(http.post(approve, empty, bearer(INSTANCE.token("user/Composition.rs"))), "read scope cannot approve");
        assertForbidden(http.post(approve, empty, bearer(INSTANCE.token("system/*.cruds"))), "a machine cannot approve");
        assertForbidden(http.post(approve, empty, bearer(INSTANCE.token("patient/Composition.cruds", b -> b.claim("patient", "p1")))), "patient context cannot approve");
        HttpResponse<String> approved = http.post(approve, empty,
                bearer(INSTANCE.token("user/Composition.rus", b -> b.claim("fhirUser", "Practitioner/dr-zhang"))));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        Composition c = FhirHttp.FHIR.newJsonParser().parseResource(Composition.class, approved.body());
        assertThat(c.getStatus()).isEqualTo(Composition.CompositionStatus.FINAL);
        assertThat(c.getAttesterFirstRep().getParty().getReference()).isEqualTo("Practitioner/dr-zhang");

        assertThat(c.getMeta().getVersionId()).as("the decision is version 2").isEqualTo("2");

        Parameters reason = new Parameters();
        reason.addParameter().setName("reason").setValue(new StringType("too late"));
        String rejectToken = INSTANCE.token("user/Composition.u", b -> b.claim("fhirUser", "Practitioner/dr-zhang"));
        java.util.Map<String, String> stale = new java.util.HashMap<>(bearer(rejectToken));
        stale.put("If-Match", "W/\"1\"");
        HttpResponse<String> overwrite = http.post("/fhir/Composition/" + id + "/$reject", FhirHttp.FHIR.newJsonParser().encodeResourceToString(reason), stale);
        assertThat(overwrite.statusCode()).as("a reviewer who saw version 1: " + overwrite.body()).isEqualTo(412);
        HttpResponse<String> again = http.post("/fhir/Composition/" + id + "/$reject", FhirHttp.FHIR.newJsonParser().encodeResourceToString(reason),
                bearer(rejectToken));
        assertThat(again.statusCode()).as("already final").isEqualTo(409);
    }

    @Test
    void aPatientContextTokenReachesOnlyItsPatient() throws Exception {
        FhirHttp http = new FhirHttp(port);
        SyntheticRecords.Record mine = SyntheticRecords.english(41, true);
        SyntheticRecords.Record theirs = SyntheticRecords.english(42, true);
        String myDraft = summarize(http, mine);
        String theirDraft = summarize(http, theirs);
        String patientToken = INSTANCE.token("patient/Composition.rs launch/patient", b -> b.claim("patient", mine.patientId()));

        assertThat(http.get("/fhir/Composition/" + myDraft, bearer(patientToken)).statusCode()).isEqualTo(200);
        assertThat(http.get("/fhir/Composition?patient=" + mine.patientId(), bearer(patientToken)).statusCode()).isEqualTo(200);
        assertForbidden(http.get("/fhir/Composition/" + theirDraft, bearer(patientToken)), "other patient's read");
        assertForbidden(http.get("/fhir/Composition?patient=" + theirs.patientId(), bearer(patientToken)), "other patient's search");
        assertForbidden(http.get("/fhir/Composition?status=preliminary", bearer(patientToken)), "search without the patient");
        assertForbidden(http.get("/fhir/Composition/" + myDraft, bearer(INSTANCE.token("patient/Composition.rs"))), "patient scope without patient");
        assertForbidden(http.get("/fhir/AuditEvent?_count=1", bearer(patientToken)), "type not granted");
        assertForbidden(http.get("/fhir/Composition/" + theirDraft, bearer(INSTANCE.token("user/Encounter.r"))), "type not granted");
        assertThat(http.get("/fhir/Composition/" + theirDraft, bearer(INSTANCE.token("user/Composition.r"))).statusCode()).isEqualTo(200);
        assertThat(http.get("/fhir/Composition/" + theirDraft, bearer(INSTANCE.token("user/Composition.read"))).statusCode()).as("SMART v1").isEqualTo(200);
    }

    private static String summarize(FhirHttp http, SyntheticRecords.Record record) throws Exception {
        HttpResponse<String> created = http.post("/fhir/Encounter/$summarize",
                FhirHttp.FHIR.newJsonParser().encodeResourceToString(record.bundle()), bearer(INSTANCE.token(EMR)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return created.headers().firstValue("Content-Location").orElseThrow().replaceAll(".*/Composition/", "").replaceAll("/_history.*", "");
    }

    private static void assertForbidden(HttpResponse<String> r, String why) {
        assertThat(r.statusCode()).as(why + ": " + r.body()).isEqualTo(403);
        assertThat(r.body()).as(why).contains("OperationOutcome").doesNotContain("Exception");
    }

    private long forbidden() {
        return JdbcClient.create(dataSource).sql("SELECT count(*) FROM audit_event WHERE outcome_detail = 'HTTP 403'").query(Long.class).single();
    }
}
