package org.medgo.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.List;
import org.medgo.gateway.operations.idempotency.IdempotencyKey;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.GatewayTest;
import org.medgo.gateway.audit.Requester;
import org.medgo.gateway.operations.composition.AiProvenance;
import org.medgo.gateway.operations.composition.CompositionStore;
import org.medgo.gateway.operations.composition.GeneratedDocument;
import org.medgo.gateway.review.CompositionReview;
import org.medgo.gateway.review.ReviewDecision;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Compositions are versioned: draft = 1, decision = 2; ETag, Last-Modified, 304, vread, _history, If-Match. */
@GatewayTest
class CompositionVersionsTest {

    static final Requester CLINICIAN = new Requester("review-app", "Practitioner/dr-version");

    @LocalServerPort
    int port;

    @Autowired
    CompositionStore store;

    @Autowired
    CompositionReview review;

    @Test
    void aDraftIsVersionOneAndItsDecisionVersionTwo() throws Exception {
        String id = draft();
        FhirHttp http = new FhirHttp(port);
        HttpResponse<String> read = http.get("Composition/" + id);
        assertThat(read.headers().firstValue("ETag")).hasValue("W/\"1\"");
        assertThat(read.headers().firstValue("Last-Modified")).isPresent();
        assertThat(FhirHttp.parse(Composition.class, read).getMeta().getVersionId()).isEqualTo("1");
        HttpResponse<String> unchanged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(http.base() + "/Composition/" + id))
                .header("If-None-Match", "W/\"1\"").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unchanged.statusCode()).isEqualTo(304);
        String draftDocument = FhirHttp.parse(Bundle.class, http.get("Composition/" + id + "/$document")).getIdentifier().getValue();

        review.decide(id, new ReviewDecision(ReviewDecision.Kind.APPROVE, CLINICIAN.userId(), List.of(), null), CLINICIAN, 1);
        assertThatThrownBy(() -> review.decide(id, new ReviewDecision(ReviewDecision.Kind.REJECT, CLINICIAN.userId(), List.of(), "no"), CLINICIAN, 1))
                .as("a second reviewer who saw version 1").isInstanceOf(PreconditionFailedException.class);

        FhirHttp.FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = FhirHttp.FHIR.newRestfulGenericClient(http.base());
        assertThat(client.read().resource(Composition.class).withIdAndVersion(id, "1").execute().getStatus())
                .isEqualTo(Composition.CompositionStatus.PRELIMINARY);
        Composition approved = client.read().resource(Composition.class).withIdAndVersion(id, "2").execute();
        assertThat(approved.getStatus()).isEqualTo(Composition.CompositionStatus.FINAL);
        Bundle history = client.history().onInstance("Composition/" + id).returnBundle(Bundle.class).execute();
        assertThat(history.getType()).isEqualTo(Bundle.BundleType.HISTORY);
        assertThat(history.getEntry()).extracting(e -> e.getResource().getMeta().getVersionId()).containsExactly("2", "1");
        assertThat(http.get("Composition/" + id).headers().firstValue("ETag")).hasValue("W/\"2\"");
        assertThat(http.get("Composition/" + id + "/_history/3").statusCode()).isEqualTo(404);

        String approvedDocument = FhirHttp.parse(Bundle.class, http.get("Composition/" + id + "/$document")).getIdentifier().getValue();
        assertThat(approvedDocument).startsWith("urn:uuid:").isNotEqualTo(draftDocument);
    }

    private String draft() {
        Device device = new Device();
        device.setId("medgo-model-version-test");
        Composition c = new Composition();
        c.setId(UUID.randomUUID().toString());
        c.setStatus(Composition.CompositionStatus.PRELIMINARY);
        c.setType(new CodeableConcept(new Coding("http://loinc.org", "11506-3", "Progress note")));
        c.setSubject(new Reference("Patient/version-" + UUID.randomUUID()));
        c.setDate(new Date());
        c.addAuthor(new Reference("Device/" + device.getIdPart()));
        c.setTitle("progress note");
        Composition.SectionComponent section = c.addSection().setTitle("course");
        section.getText().setStatus(Narrative.NarrativeStatus.GENERATED).setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>stable</p></div>");
        Provenance p = AiProvenance.of(UUID.randomUUID().toString(), List.<Resource>of(c), device, "summarize-v1.en", c.getDate());
        return store.saveIfAbsent(new GeneratedDocument(c, List.of(), p, device), "Encounter/$summarize", new IdempotencyKey("", "version-" + c.getIdPart()), null, List.of(), List.of());
    }
}
