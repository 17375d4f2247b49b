package org.medgo.gateway.review.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.operations.FhirHttp;
import org.medgo.gateway.operations.SyntheticRecords;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The review app in the system's headless Chromium (playwright-core from npm drives /usr/bin/chromium; no
 * browser is downloaded): the demo EHR launches it for a patient, the clinician logs in at the embedded
 * authorization server and sees the queue; the EHR sends another record for the patient and the queue's notice
 * opens the new draft; the clinician focuses a statement and sees the record lines it cites
 * highlighted, edits, and approves with the shortcut and its confirmation; axe-core (npm) finds no serious
 * violation in any view. Then, through the FHIR API with the EHR's own token, the Composition is final,
 * attested by the clinician, edited, still AI-labelled; its Provenance names the clinician and keeps the edit
 * (original → final) with the edit ratio, which Prometheus also gets. Screenshots go to docs/.
 */
// the real Prometheus endpoint (tests leave metric export off unless asked)
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"medgo.data-dir=target/medgo-test-data/${random.uuid}", "medgo.db.url=", "medgo.security.enabled=true"})
class ReviewAppBrowserTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path E2E = Path.of("src/test/e2e");

    @LocalServerPort
    int port;

    @Test
    void ehrLaunchLoginQueueEditApprove() throws Exception {
        assertThat(Path.of("/usr/bin/chromium")).as("Debian chromium (apt-get install -y chromium)").exists();
        installDriver();
        String root = "http://127.0.0.1:" + port;
        String emr = token("system/Composition.crs system/Encounter.r");
        SyntheticRecords.Record record = SyntheticRecords.english(77, true);
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(root + "/fhir/Encounter/$summarize"))
                .header("Authorization", "Bearer " + emr).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(FhirHttp.FHIR.newJsonParser().encodeResourceToString(record.bundle()))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String first = created.headers().firstValue("Content-Location").orElseThrow().replaceAll(".*/Composition/", "").replaceAll("/_history.*", "");
        // the browser script has the EHR send this record again while the queue is open: the new draft's notice
        Path recordFile = Files.createTempFile("review-e2e-record", ".json");
        Files.writeString(recordFile, FhirHttp.FHIR.newJsonParser().encodeResourceToString(record.bundle()));

        Path shots = Path.of("..", "docs").toAbsolutePath().normalize();
        Files.createDirectories(shots);
        Path log = Files.createTempFile("review-e2e", ".log");
        Process node = new ProcessBuilder("node", "review.e2e.mjs", root, record.patientId(), record.encounterId(), shots.toString(),
                recordFile.toString())
                .directory(E2E.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = node.waitFor(3, TimeUnit.MINUTES);
        if (!done) node.destroyForcibly();
        String output = Files.readString(log);
        assertThat(done && node.exitValue() == 0).as(output).isTrue();
        assertThat(output).contains("APPROVED ").contains("HIGHLIGHTED ");
        String id = output.replaceAll("(?s).*APPROVED (\\S+).*", "$1");
        assertThat(id).as("the draft opened from the notice is the new one").isNotEqualTo(first);
        String untouched = send(HttpRequest.newBuilder(URI.create(root + "/fhir/Composition/" + first)).header("Authorization", "Bearer " + emr).GET()).body();
        assertThat(FhirHttp.FHIR.newJsonParser().parseResource(Composition.class, untouched).getStatus()).isEqualTo(Composition.CompositionStatus.PRELIMINARY);

        HttpResponse<String> read = send(HttpRequest.newBuilder(URI.create(root + "/fhir/Composition/" + id)).header("Authorization", "Bearer " + emr).GET());
        Composition c = FhirHttp.FHIR.newJsonParser().parseResource(Composition.class, read.body());
        assertThat(c.getStatus()).isEqualTo(Composition.CompositionStatus.FINAL);
        assertThat(c.getAttesterFirstRep().getParty().getReference()).isEqualTo("Practitioner/demo-clinician");
        assertThat(c.getSectionFirstRep().getText().getDivAsString()).contains("Reviewed and corrected by the clinician");
        assertThat(org.medgo.gateway.operations.composition.AiLabels.isLabelled(c)).isTrue();
        String document = send(HttpRequest.newBuilder(URI.create(root + "/fhir/Composition/" + id + "/$document"))
                .header("Authorization", "Bearer " + emr).GET()).body();
        Provenance provenance = FhirHttp.FHIR.newJsonParser().parseResource(org.hl7.fhir.r4.model.Bundle.class, document).getEntry().stream()
                .map(e -> e.getResource()).filter(Provenance.class::isInstance).map(Provenance.class::cast).findFirst().orElseThrow();
        assertThat(provenance.getAgent()).extracting(a -> a.getWho().getReference()).contains("Practitioner/demo-clinician");
        var edit = provenance.getExtensionByUrl("https://medgo.org/fhir/StructureDefinition/review-edit");
        assertThat(edit).as("the edit, original → final, on the Provenance").isNotNull();
        assertThat(edit.getExtensionString("final")).contains("Reviewed and corrected by the clinician");
        assertThat(edit.getExtensionString("original")).isNotBlank().doesNotContain("Reviewed and corrected");
        double ratio = ((org.hl7.fhir.r4.model.DecimalType) provenance.getExtensionByUrl(
                "https://medgo.org/fhir/StructureDefinition/review-edit-ratio").getValue()).getValueAsNumber().doubleValue();
        assertThat(ratio).isStrictlyBetween(0.0, 1.0 + 1e-9);
        String metrics = send(HttpRequest.newBuilder(URI.create(root + "/actuator/prometheus")).GET()).body();
        assertThat(metrics).containsPattern("medgo_review_edit_ratio_count\\{type=\"18842-5\",?} 1(\\.0)?\\n");
        assertThat(shots.resolve("review-queue.png")).isNotEmptyFile();
        assertThat(shots.resolve("review-page.png")).isNotEmptyFile();
        assertThat(shots.resolve("review-page-zh.png")).isNotEmptyFile();
    }

    /** playwright-core and axe-core from the npm registry at build time; PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD keeps it from fetching a browser. */
    private static void installDriver() throws Exception {
        if (Files.isDirectory(E2E.resolve("node_modules/playwright-core")) && Files.isDirectory(E2E.resolve("node_modules/axe-core"))) return;
        // Not inheritIO: Node makes an inherited stdin non-blocking, and the test JVM's stdin is surefire's command
        // channel, whose next read then fails ("std/in stream corrupted") and fails the build after every test passed.
        Path log = Files.createTempFile("npm-install", ".log");
        ProcessBuilder npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund").directory(E2E.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        npm.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        assertThat(npm.start().waitFor()).as(() -> readQuietly(log)).isZero();
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(no npm log: " + e.getMessage() + ")";
        }
    }

    private String token(String scope) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo-ehr:demo-ehr-secret".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8))));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new ObjectMapper().readTree(r.body()).get("access_token").asText();
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
