package org.medgo.gateway.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.medgo.gateway.GatewayApplication;
import org.medgo.gateway.audit.Requester;
import org.medgo.gateway.operations.FhirHttp;
import org.medgo.gateway.review.CompositionReview;
import org.medgo.gateway.review.ReviewDecision;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The EMR round trip against a real FHIR server (HAPI JPA, in {@link EmrSandboxProcess}) loaded with Synthea
 * R4 records, signing in through a real SMART Backend Services token endpoint that verifies the gateway's
 * RS384 client assertion: pull → draft → approve → write-back. The EMR answers 503 twice (the note arrives
 * once), answers 401 once mid-pull (the token is renewed), and the gateway stops between approval and
 * write-back while the EMR's answers are lost (after a restart the note is there exactly once). One sandbox
 * and one gateway boot for the class: the JPA server is heavy.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmrRoundTripTest {

    private static final String SYNTHEA = "/synthea/bad3948a-c3c8-2e7d-b2c3-fff56afdad0e.json";
    private static final Requester CLINICIAN = new Requester("review-app", "Practitioner/dr-li");

    @TempDir
    static Path work;

    static EmrSandboxProcess emr;
    static ConfigurableApplicationContext gateway;
    static String patientId;
    static List<String> encounterIds = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        // tokens live 8 s: a round trip outlives several, so the gateway must renew them as it goes
        emr = EmrSandboxProcess.start(work, Duration.ofSeconds(8));
        gateway = startGateway();
        emr.awaitReady(Duration.ofMinutes(6));
        JsonNode loaded = emr.load(SYNTHEA);
        for (JsonNode entry : loaded.path("entry")) {
            String location = entry.path("response").path("location").asText();
            if (location.startsWith("Patient/")) patientId = location.split("/")[1];
            if (location.startsWith("Encounter/")) encounterIds.add(location.split("/")[1]);
        }
        assertThat(patientId).isNotNull();
        assertThat(encounterIds).isNotEmpty();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) gateway.close();
        if (emr != null) emr.close();
    }

    @Test
    @Order(1)
    void aPulledSummaryIsApprovedAndWrittenBackOnceThoughTheEmrAnswers503Twice() throws Exception {
        FhirHttp http = http();
        String encounter = encounterWithReport();
        int tokensBefore = emr.stat("tokensIssued");
        emr.arm("GET", "/Observation", 401, 1, false); // the EMR drops the token early: renewed, call repeated

        HttpResponse<String> response = http.post("Encounter/" + encounter + "/$summarize", "", "application/fhir+json", Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Bundle document = FhirHttp.parse(Bundle.class, response);
        Composition draft = (Composition) document.getEntryFirstRep().getResource();
        assertThat(draft.getStatus()).isEqualTo(Composition.CompositionStatus.PRELIMINARY);
        // a document resolves its references inside itself: the Patient and Encounter under their EMR URLs
        assertThat(draft.getSubject().getReference()).isEqualTo(emr.fhirBase() + "/Patient/" + patientId);
        assertThat(draft.getEncounter().getReference()).isEqualTo(emr.fhirBase() + "/Encounter/" + encounter);
        Provenance provenance = document.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Provenance.class::isInstance).map(Provenance.class::cast).findFirst().orElseThrow();
        List<String> sources = provenance.getEntity().stream().filter(e -> e.getRole() == Provenance.ProvenanceEntityRole.SOURCE)
                .map(e -> e.getWhat().getReference()).filter(r -> r != null && r.startsWith(emr.fhirBase())).toList();
        assertThat(sources).contains(emr.fhirBase() + "/Encounter/" + encounter + "/_history/1",
                emr.fhirBase() + "/Patient/" + patientId + "/_history/1");
        assertThat(sources).anyMatch(s -> s.contains("/Observation/")).anyMatch(s -> s.contains("/DiagnosticReport/"));
        assertThat(emr.stat("tokensIssued")).as("a first token and the renewed one").isGreaterThanOrEqualTo(tokensBefore + 2);
        assertThat(audited("ehr-pull", draft)).containsExactly("0");

        emr.arm("POST", "/Composition", 503, 2, false);
        int faults = emr.stat("faultsServed");
        approve(draft.getIdPart());

        Extension status = awaitWriteback(http, draft.getIdPart(), "sent", "composition");
        String ehrResource = status.getExtensionString("ehrResource");
        assertThat(ehrResource).startsWith(emr.fhirBase() + "/Composition/").contains("/_history/1");
        assertThat(emr.stat("faultsServed")).isEqualTo(faults + 2);
        JsonNode notes = emr.get("Composition?identifier=urn:ietf:rfc:3986|urn:uuid:" + draft.getIdPart());
        assertThat(notes.path("total").asInt()).isEqualTo(1);
        JsonNode note = notes.path("entry").get(0).path("resource");
        assertThat(note.path("status").asText()).isEqualTo("final");
        assertThat(note.path("subject").path("reference").asText()).isEqualTo("Patient/" + patientId);
        assertThat(note.path("encounter").path("reference").asText()).isEqualTo("Encounter/" + encounter);
        assertThat(note.path("contained").toString()).contains("\"resourceType\":\"Device\"")
                .as("the EMR has its patient: no copy in the note").doesNotContain("\"resourceType\":\"Patient\"")
                .doesNotContain(emr.fhirBase());
        JsonNode docs = emr.get("DocumentReference?identifier=urn:ietf:rfc:3986|urn:uuid:" + draft.getIdPart());
        assertThat(docs.path("total").asInt()).isEqualTo(1);
        assertThat(docs.path("entry").get(0).path("resource").path("content").toString())
                .contains("text/plain").contains("text/html");

        String metrics = new String(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port() + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body());
        assertThat(metrics).contains("medgo_ehr_outbox_depth{status=\"pending\"} 0.0");
        String health = new String(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port() + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body());
        assertThat(health).contains("\"ehr\":{\"status\":\"UP\"");
    }

    @Test
    @Order(2)
    void aNoteWhoseWriteBackWasCutOffByAStopArrivesOnceAfterTheRestart() throws Exception {
        FhirHttp http = http();
        String encounter = encounterWithReport();
        HttpResponse<String> response = http.post("Encounter/" + encounter + "/$differential", "", "application/fhir+json", Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String id = FhirHttp.parse(Bundle.class, response).getEntryFirstRep().getResource().getIdPart();

        // the EMR stores each note but its answers never come back, so the gateway keeps retrying
        emr.arm("POST", "/Composition", 503, 1000, true);
        approve(id);
        awaitWriteback(http, id, "pending", "composition", ext -> ext.getExtensionString("lastError") != null);
        assertThat(emr.get("Composition?identifier=urn:ietf:rfc:3986|urn:uuid:" + id).path("total").asInt()).isEqualTo(1);
        gateway.close();

        emr.arm("POST", "/Composition", 503, 0, false);
        gateway = startGateway();
        Extension status = awaitWriteback(http(), id, "sent", "composition");
        assertThat(status.getExtensionString("ehrResource")).contains("/Composition/");
        assertThat(emr.get("Composition?identifier=urn:ietf:rfc:3986|urn:uuid:" + id).path("total").asInt())
                .as("exactly one note in the EMR").isEqualTo(1);
        List<String> attempts = JdbcClient.create(gateway.getBean(javax.sql.DataSource.class))
                .sql("SELECT outcome FROM audit_event WHERE subtype = 'ehr-write' AND entity_ref = ? ORDER BY seq")
                .param("Composition/" + id).query(String.class).list();
        assertThat(attempts).hasSizeGreaterThanOrEqualTo(2).last().isEqualTo("0");
    }

    @Test
    @Order(3)
    void aCdsHooksCallWithPrefetchGetsAValidCardAtOnceAndTheDraftFollows() throws Exception {
        CdsHooksSchema schema = new CdsHooksSchema();
        String base = "http://localhost:" + port();
        HttpResponse<String> discovery = Http.get(base + "/cds-services", null);
        assertThat(schema.errors("CdsServiceInformation", discovery.body())).isEmpty();
        assertThat(discovery.body()).contains("\"hook\":\"encounter-discharge\"").contains("medgo-discharge-summary");

        String encounter = encounterIds.stream().filter(e -> !e.equals(encounterWithReportUnchecked())).findFirst().orElseThrow();
        String service = base + "/cds-services/medgo-discharge-summary";
        String request = hookRequest(encounter);
        assertThat(schema.errors("CdsRequest", request)).isEmpty();

        assertThat(Http.post(service, request, null).statusCode()).as("no CDS client JWT").isEqualTo(401);
        HttpResponse<String> first = Http.post(service, request, cdsJwt(service));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(schema.errors("CdsResponse", first.body())).isEmpty();
        JsonNode card = new com.fasterxml.jackson.databind.ObjectMapper().readTree(first.body()).path("cards").get(0);
        assertThat(card.path("summary").asText()).isEqualTo("AI draft discharge summary is being prepared");
        assertThat(card.path("links").get(0).path("type").asText()).isEqualTo("smart");
        assertThat(card.path("links").get(0).path("url").asText()).isEqualTo(base + "/review/launch");
        assertThat(card.path("links").get(0).path("appContext").asText()).contains("\"encounter\":\"" + encounter + "\"");

        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        JsonNode ready = null;
        while (ready == null && Instant.now().isBefore(deadline)) {
            HttpResponse<String> again = Http.post(service, hookRequest(encounter), cdsJwt(service));
            JsonNode c = new com.fasterxml.jackson.databind.ObjectMapper().readTree(again.body()).path("cards").get(0);
            if (c.path("summary").asText().endsWith("ready for review")) ready = c;
            else Thread.sleep(500);
        }
        assertThat(ready).as("the draft started by the first call; jobs: %s", JdbcClient.create(gateway.getBean(javax.sql.DataSource.class))
                .sql("SELECT status || ' ' || step || ' ' || coalesce(error, '') FROM operations_job WHERE request_id LIKE 'cds-%'")
                .query(String.class).list()).isNotNull();
        assertThat(ready.path("links").get(0).path("appContext").asText()).contains("\"composition\":");

        String feedback = "{\"feedback\":[{\"card\":\"" + card.path("uuid").asText()
                + "\",\"outcome\":\"accepted\",\"acceptedSuggestions\":[],\"outcomeTimestamp\":\"2026-12-01T04:00:00Z\"}]}";
        assertThat(Http.post(service + "/feedback", feedback, cdsJwt(service + "/feedback")).statusCode()).isEqualTo(200);
        List<String> recorded = JdbcClient.create(gateway.getBean(javax.sql.DataSource.class))
                .sql("SELECT details::text FROM audit_event WHERE subtype = 'cds-feedback' AND request_id = ?")
                .param("card-" + card.path("uuid").asText()).query(String.class).list();
        assertThat(recorded).singleElement().asString().contains("accepted");
    }

    @Test
    @Order(4)
    void aReportsDifferentialIsPulledFromTheEmrAndARejectedDraftNeverReachesIt() throws Exception {
        // a report with one result and no note text: its record is the encounter's, capped at 8 per type
        String report = null;
        int fewest = Integer.MAX_VALUE;
        for (JsonNode e : emr.get("DiagnosticReport?patient=Patient/" + patientId).path("entry")) {
            int results = e.path("resource").path("result").size();
            if (e.path("resource").has("encounter") && results > 0 && results < fewest) {
                fewest = results;
                report = e.path("resource").path("id").asText();
            }
        }
        assertThat(report).as("a DiagnosticReport with an encounter").isNotNull();
        HttpResponse<String> response = http().post("DiagnosticReport/" + report + "/$differential", "", "application/fhir+json", Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Bundle document = FhirHttp.parse(Bundle.class, response);
        Composition draft = (Composition) document.getEntryFirstRep().getResource();
        assertThat(draft.getSubject().getReference()).isEqualTo(emr.fhirBase() + "/Patient/" + patientId);
        Provenance provenance = document.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Provenance.class::isInstance).map(Provenance.class::cast).findFirst().orElseThrow();
        assertThat(provenance.getEntity()).extracting(e -> e.getWhat().getReference())
                .contains(emr.fhirBase() + "/DiagnosticReport/" + report + "/_history/1", emr.fhirBase() + "/Patient/" + patientId + "/_history/1");

        gateway.getBean(CompositionReview.class).decide(draft.getIdPart(),
                new ReviewDecision(ReviewDecision.Kind.REJECT, CLINICIAN.userId(), List.of(), "not this patient's picture"), CLINICIAN);
        Composition rejected = FhirHttp.parse(Composition.class, http().get("Composition/" + draft.getIdPart()));
        assertThat(rejected.getStatus()).isEqualTo(Composition.CompositionStatus.ENTEREDINERROR);
        assertThat(rejected.getExtensionsByUrl("https://medgo.org/fhir/StructureDefinition/ehr-writeback"))
                .as("rejections are not written back (MEDGO_EHR_WRITEBACK_REJECTIONS=skip)").isEmpty();
        assertThat(JdbcClient.create(gateway.getBean(javax.sql.DataSource.class))
                .sql("SELECT count(*) FROM ehr_outbox WHERE composition_id = ?").param(java.util.UUID.fromString(draft.getIdPart()))
                .query(Long.class).single()).isZero();
    }

    @Test
    @Order(5)
    void aHookWithoutPrefetchReadsTheEmrWithTheHooksOwnFhirAuthorization() throws Exception {
        String base = "http://localhost:" + port();
        String service = base + "/cds-services/medgo-differential";
        String encounter = encounterIds.stream().filter(e -> !e.equals(encounterWithReportUnchecked())).findFirst().orElseThrow();
        String hookToken = emr.loaderToken(); // another client than the gateway's own: the sandbox counts per client
        int hookClientBefore = emr.stat("requests.sandbox-loader");
        int gatewayBefore = emr.stat("requests." + EmrSandboxProcess.CLIENT_ID);
        com.fasterxml.jackson.databind.node.ObjectNode request = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        request.put("hookInstance", java.util.UUID.randomUUID().toString()).put("hook", "patient-view").put("fhirServer", emr.fhirBase());
        request.putObject("fhirAuthorization").put("access_token", hookToken).put("token_type", "Bearer").put("expires_in", 300)
                .put("scope", "system/*.cruds").put("subject", "medgo");
        request.putObject("context").put("userId", "Practitioner/example").put("patientId", patientId).put("encounterId", encounter);
        assertThat(new CdsHooksSchema().errors("CdsRequest", request.toString())).isEmpty();

        HttpResponse<String> first = Http.post(service, request.toString(), cdsJwt(service));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        boolean ready = false;
        while (!ready && Instant.now().isBefore(deadline)) {
            request.put("hookInstance", java.util.UUID.randomUUID().toString());
            JsonNode card = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    Http.post(service, request.toString(), cdsJwt(service)).body()).path("cards").get(0);
            ready = card.path("summary").asText().endsWith("ready for review");
            if (!ready) Thread.sleep(500);
        }
        assertThat(ready).as("a differential drafted from the EMR in the background").isTrue();
        assertThat(emr.stat("requests.sandbox-loader") - hookClientBefore).as("the EMR read with the hook's token")
                .isGreaterThanOrEqualTo(3);
        assertThat(emr.stat("requests." + EmrSandboxProcess.CLIENT_ID)).as("not with the gateway's own connection").isEqualTo(gatewayBefore);
    }

    /** Shaped like the CDS Hooks 2.0 specification's request example, for encounter-discharge, prefetch filled. */
    private static String hookRequest(String encounter) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode request = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        request.put("hookInstance", java.util.UUID.randomUUID().toString()).put("hook", "encounter-discharge")
                .put("fhirServer", emr.fhirBase());
        request.putObject("context").put("userId", "Practitioner/example").put("patientId", patientId).put("encounterId", encounter);
        com.fasterxml.jackson.databind.node.ObjectNode prefetch = request.putObject("prefetch");
        prefetch.set("patient", emr.get("Patient/" + patientId));
        prefetch.set("encounter", emr.get("Encounter/" + encounter));
        String scope = "patient=" + patientId + "&encounter=" + encounter;
        prefetch.set("conditions", emr.get("Condition?" + scope));
        prefetch.set("observations", emr.get("Observation?" + scope));
        prefetch.set("medications", emr.get("MedicationRequest?" + scope));
        prefetch.set("procedures", emr.get("Procedure?" + scope));
        prefetch.set("reports", emr.get("DiagnosticReport?" + scope));
        prefetch.set("notes", emr.get("DocumentReference?" + scope));
        prefetch.set("allergies", emr.get("AllergyIntolerance?patient=" + patientId));
        return request.toString();
    }

    private static String cdsJwt(String audience) throws Exception {
        return emr.text("/_sandbox/cds-jwt?aud=" + java.net.URLEncoder.encode(audience, java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String encounterWithReportUnchecked() {
        try {
            return encounterWithReport();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ConfigurableApplicationContext startGateway() {
        return new SpringApplicationBuilder(GatewayApplication.class).run(
                "--medgo.data-dir=" + work.resolve("gateway-data"), "--medgo.db.url=", "--server.port=0",
                "--medgo.security.enabled=false",
                "--medgo.ehr.base-url=" + emr.fhirBase(), "--medgo.ehr.client-id=" + EmrSandboxProcess.CLIENT_ID,
                "--medgo.ehr.private-key=" + emr.privateKeyPem, "--medgo.ehr.key-id=" + emr.keyId,
                "--medgo.ehr.token-uri=" + emr.tokenUri(), "--medgo.ehr.initial-backoff=50ms", "--medgo.ehr.page-size=5",
                // at most 8 per type (two pages of 5): the report's record then fits the test model's 4096 tokens with room
                // to answer (all 20 Observations of the encounter made its prompt ~4140 tokens)
                "--medgo.ehr.max-resources-per-type=8",
                "--medgo.ehr.writeback.document-reference=true", "--medgo.ehr.writeback.poll-interval=200ms",
                "--medgo.ehr.writeback.initial-backoff=300ms", "--medgo.ehr.writeback.max-backoff=1s",
                "--medgo.cds.clients=" + emr.origin() + "=" + emr.origin() + "/_sandbox/cds-jwks");
    }

    private static void approve(String compositionId) {
        gateway.getBean(CompositionReview.class).decide(compositionId,
                new ReviewDecision(ReviewDecision.Kind.APPROVE, CLINICIAN.userId(), List.of(), null), CLINICIAN);
    }

    private static Extension awaitWriteback(FhirHttp http, String id, String wanted, String kind) throws Exception {
        return awaitWriteback(http, id, wanted, kind, e -> true);
    }

    private static Extension awaitWriteback(FhirHttp http, String id, String wanted, String kind,
            java.util.function.Predicate<Extension> also) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> r = http.get("Composition/" + id);
            last = r.body();
            for (Extension e : FhirHttp.parse(Composition.class, r).getExtensionsByUrl("https://medgo.org/fhir/StructureDefinition/ehr-writeback")) {
                if (kind.equals(e.getExtensionString("kind")) && wanted.equals(e.getExtensionString("status")) && also.test(e)) {
                    return e;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("write-back of " + id + " not " + wanted + " in time: " + last);
    }

    private static String encounterWithReport() throws Exception {
        JsonNode reports = emr.get("DiagnosticReport?patient=Patient/" + patientId);
        for (JsonNode e : reports.path("entry")) {
            String ref = e.path("resource").path("encounter").path("reference").asText();
            if (!ref.isEmpty()) return ref.split("/")[1];
        }
        return encounterIds.getFirst();
    }

    private static List<String> audited(String subtype, Composition draft) {
        return JdbcClient.create(gateway.getBean(javax.sql.DataSource.class))
                .sql("SELECT outcome FROM audit_event WHERE subtype = ? AND entity_ref = ? ORDER BY seq")
                .params(subtype, "Composition/" + draft.getIdPart()).query(String.class).list();
    }

    private static int port() {
        return ((WebServerApplicationContext) gateway).getWebServer().getPort();
    }

    private static FhirHttp http() {
        return new FhirHttp(port());
    }
}
