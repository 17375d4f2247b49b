package org.medgo.gateway.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.GatewayTest;
import org.medgo.gateway.audit.Requester;
import org.medgo.gateway.operations.FhirHttp;
import org.medgo.gateway.operations.SyntheticRecords;
import org.medgo.gateway.operations.composition.AiLabels;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Approve and reject on real drafts from {@code $summarize}: status, attester, Provenance human agent,
 * AIAST kept, edits escaped, one decision per draft, audit record written. Until the security layer puts
 * an authenticated user on the request, HTTP calls are refused (401) and decisions are made on the bean.
 */
@GatewayTest
class CompositionReviewTest {

    @LocalServerPort
    int port;

    @Autowired
    CompositionReview review;

    @Autowired
    javax.sql.DataSource dataSource;

    private static final Requester CLINICIAN = new Requester("review-app", "Practitioner/dr-li");

    @Test
    void approvingWithEditsMakesTheDraftFinalAttestedAndStillAiLabelled() throws Exception {
        FhirHttp http = new FhirHttp(port);
        String id = draft(http, 11);
        Composition before = FhirHttp.parse(Composition.class, http.get("Composition/" + id));
        List<String> texts = new java.util.ArrayList<>(before.getSection().stream().map(CompositionReview::plainText).toList());
        texts.set(0, "Edited by the clinician: <script>alert(1)</script> stable on discharge.");
        long auditBefore = reviewEvents();

        review.decide(id, new ReviewDecision(ReviewDecision.Kind.APPROVE, CLINICIAN.userId(), texts, null), CLINICIAN);

        Composition after = FhirHttp.parse(Composition.class, http.get("Composition/" + id));
        assertThat(after.getStatus()).isEqualTo(Composition.CompositionStatus.FINAL);
        assertThat(after.getAttesterFirstRep().getMode()).isEqualTo(Composition.CompositionAttestationMode.LEGAL);
        assertThat(after.getAttesterFirstRep().getParty().getReference()).isEqualTo("Practitioner/dr-li");
        assertThat(AiLabels.isLabelled(after)).isTrue();
        String div = after.getSectionFirstRep().getText().getDivAsString();
        assertThat(div).contains("Edited by the clinician").contains("&lt;script&gt;").doesNotContain("<script>");
        assertThat(after.getSection().get(1).getText().getDivAsString()).isEqualTo(before.getSection().get(1).getText().getDivAsString());
        assertThat(ids(http, "Composition?status=final&patient=" + after.getSubject().getReferenceElement().getIdPart())).contains(id);

        Bundle document = FhirHttp.parse(Bundle.class, http.get("Composition/" + id + "/$document"));
        Provenance provenance = document.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Provenance.class::isInstance).map(Provenance.class::cast).findFirst().orElseThrow();
        assertThat(provenance.getAgent()).extracting(a -> a.getWho().getReference()).contains("Practitioner/dr-li");
        assertThat(provenance.getAgent()).extracting(a -> a.getType().getCodingFirstRep().getCode()).contains("author", "verifier");
        assertThat(reviewEvents()).isEqualTo(auditBefore + 1);

        assertThatThrownBy(() -> review.decide(id, new ReviewDecision(ReviewDecision.Kind.REJECT, "Practitioner/dr-wang", List.of(), "late"), CLINICIAN))
                .isInstanceOf(ResourceVersionConflictException.class);
        assertThat(reviewEvents()).isEqualTo(auditBefore + 1);
    }

    @Test
    void rejectingNeedsAReasonAndMarksTheDraftEnteredInError() throws Exception {
        FhirHttp http = new FhirHttp(port);
        String id = draft(http, 12);
        assertThatThrownBy(() -> review.decide(id, new ReviewDecision(ReviewDecision.Kind.REJECT, CLINICIAN.userId(), List.of(), " "), CLINICIAN))
                .isInstanceOf(ca.uhn.fhir.rest.server.exceptions.InvalidRequestException.class);

        review.decide(id, new ReviewDecision(ReviewDecision.Kind.REJECT, CLINICIAN.userId(), List.of(), "wrong encounter"), CLINICIAN);

        Composition after = FhirHttp.parse(Composition.class, http.get("Composition/" + id));
        assertThat(after.getStatus()).isEqualTo(Composition.CompositionStatus.ENTEREDINERROR);
        assertThat(after.getExtensionByUrl(CompositionReview.REJECTION_REASON_URL).getValue().primitiveValue()).isEqualTo("wrong encounter");
        assertThat(AiLabels.isLabelled(after)).isTrue();
        assertThat(ids(http, "Composition?status=preliminary&patient=" + after.getSubject().getReferenceElement().getIdPart())).doesNotContain(id);
    }

    @Test
    void overHttpADecisionWithoutAnAuthenticatedClinicianIsRefused() throws Exception {
        FhirHttp http = new FhirHttp(port);
        String id = draft(http, 13);
        Parameters reason = new Parameters();
        reason.addParameter().setName("reason").setValue(new StringType("duplicate"));
        HttpResponse<String> rejected = http.post("Composition/" + id + "/$reject", reason, Map.of());
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(401);
        assertThat(rejected.body()).contains("OperationOutcome").doesNotContain("Exception");
        HttpResponse<String> approved = http.post("Composition/" + id + "/$approve", new Parameters(), Map.of());
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(401);
        assertThat(FhirHttp.parse(Composition.class, http.get("Composition/" + id)).getStatus()).isEqualTo(Composition.CompositionStatus.PRELIMINARY);
        assertThat(http.post("Composition/" + java.util.UUID.randomUUID() + "/$approve", new Parameters(), Map.of()).statusCode()).isIn(401, 404);
    }

    private long reviewEvents() {
        return JdbcClient.create(dataSource).sql("SELECT count(*) FROM audit_event WHERE event_type = 'review'").query(Long.class).single();
    }

    private static String draft(FhirHttp http, long seed) throws Exception {
        HttpResponse<String> created = http.post("Encounter/$summarize", SyntheticRecords.english(seed, true).bundle(), Map.of());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return created.headers().firstValue("Content-Location").orElseThrow().replaceAll(".*/Composition/", "").replaceAll("/_history.*", "");
    }

    private static List<String> ids(FhirHttp http, String query) throws Exception {
        return FhirHttp.parse(Bundle.class, http.get(query)).getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }
}
