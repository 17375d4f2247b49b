package org.medgo.gateway.operations.citation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.GatewayTest;
import org.medgo.gateway.operations.FhirHttp;
import org.medgo.gateway.operations.SyntheticRecords;
import org.medgo.gateway.operations.differential.DifferentialMapper;
import org.medgo.gateway.operations.validation.RecordValidator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Summaries and differentials of 20 Synthea-shaped records (English and Chinese; one draft each, half summaries,
 * half differentials of an encounter or a report) through HTTP, the real
 * de-identifier and the demo model: every citation in every draft (section entries, statement sources,
 * Condition.evidence.detail, opposing-finding sources, Provenance sources) names a resource that was in the
 * input, with the EMR's id; uncited statements are marked and their count is right; the document Bundle and
 * every resource in it validate.
 * The demo model's weights are random, so it is the constrained decoder's per-record key enum that makes this hold.
 */
@GatewayTest
class CitationGroundingTest {

    private static final int RECORDS = 20;
    private static final int CONCURRENT = 4;

    @LocalServerPort
    int port;

    @Autowired
    RecordValidator validator;

    @Test
    void everyCitationInEveryDraftResolvesToAnInputResource() throws Exception {
        FhirHttp http = new FhirHttp(port);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int seed = 500; seed < 500 + RECORDS; seed++) {
            SyntheticRecords.Record record = seed % 3 == 0 ? SyntheticRecords.chinese(seed, seed % 4 == 0) : SyntheticRecords.english(seed, seed % 4 == 0);
            // half summaries, half differentials (of the encounter or of the report)
            String operation = seed % 2 == 0 ? "Encounter/$summarize" : seed % 4 == 1 ? "Encounter/$differential" : "DiagnosticReport/$differential";
            int s = seed;
            calls.add(() -> checkDraft(http, operation, record, s));
        }
        // as many at once as the engine decodes together: the drafts are made in batches, not one by one
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT);
        int citations = 0;
        try {
            for (Future<Integer> f : pool.invokeAll(calls)) {
                citations += f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        // not vacuous: the drafts do cite
        assertThat(citations).isPositive();
        System.out.printf("citation grounding: %d drafts of %d records, %d citations, all to input resources%n", calls.size(), RECORDS, citations);
    }

    /** Makes one draft and checks it; returns how many citations it holds. */
    private int checkDraft(FhirHttp http, String operation, SyntheticRecords.Record record, int seed) throws Exception {
        Set<String> input = new HashSet<>();
        record.bundle().getEntry().forEach(e -> input.add(e.getResource().fhirType() + "/" + e.getResource().getIdPart()));
        HttpResponse<String> response = http.post(operation, record.bundle(), Map.of());
        assertThat(response.statusCode()).as(operation + " " + response.body()).isEqualTo(200);
        Bundle document = FhirHttp.parse(Bundle.class, response);
        List<String> cited = citations(document);
        // the document points at the cited resources' entries (their fullUrls, here the EMR's): compare Type/id
        assertThat(cited).as("%s of record %d", operation, seed)
                .allSatisfy(r -> assertThat(input).contains(new org.hl7.fhir.r4.model.IdType(r).toUnqualifiedVersionless().getValue()));
        Composition composition = (Composition) document.getEntryFirstRep().getResource();
        assertThat(composition.getExtensionByUrl(Citations.UNCITED_COUNT).getValue())
                .extracting(v -> ((UnsignedIntType) v).getValue()).isEqualTo(uncitedStatements(document));
        assertThat(validator.errors(document)).as("the document Bundle").isEmpty();
        for (Bundle.BundleEntryComponent e : document.getEntry()) {
            assertThat(validator.errors(e.getResource())).as(e.getResource().fhirType()).isEmpty();
        }
        return cited.size();
    }

    /** Every reference a draft makes to the record it was made from. */
    static List<String> citations(Bundle document) {
        List<String> out = new ArrayList<>();
        for (Bundle.BundleEntryComponent e : document.getEntry()) {
            Resource r = e.getResource();
            if (r instanceof Composition c) {
                for (Composition.SectionComponent s : c.getSection()) {
                    if (s.getCode().getCodingFirstRep().getCode().equals("29548-5")) continue; // the generated Conditions
                    s.getEntry().forEach(x -> out.add(x.getReference()));
                    s.getExtensionsByUrl(Citations.STATEMENT).forEach(x -> sources(x, out));
                }
            } else if (r instanceof Condition c) {
                c.getEvidence().forEach(ev -> ev.getDetail().forEach(x -> out.add(x.getReference())));
                c.getExtensionsByUrl(DifferentialMapper.OPPOSING).forEach(x -> sources(x, out));
            } else if (r instanceof Provenance p) {
                p.getEntity().stream().filter(en -> en.getWhat().hasReference()).forEach(en -> out.add(en.getWhat().getReference()));
            }
        }
        return out;
    }

    private static void sources(Extension statement, List<String> out) {
        statement.getExtensionsByUrl("source").forEach(s -> out.add(((Reference) s.getValue()).getReference()));
    }

    private static int uncitedStatements(Bundle document) {
        int n = 0;
        for (Bundle.BundleEntryComponent e : document.getEntry()) {
            if (e.getResource() instanceof Composition c) {
                for (Composition.SectionComponent s : c.getSection()) {
                    n += (int) s.getExtensionsByUrl(Citations.STATEMENT).stream().filter(x -> x.hasExtension("uncited")).count();
                }
            } else if (e.getResource() instanceof Condition c) {
                n += (int) c.getEvidence().stream().filter(ev -> ev.hasExtension(Citations.UNCITED)).count();
                n += (int) c.getExtensionsByUrl(DifferentialMapper.OPPOSING).stream().filter(x -> x.hasExtension("uncited")).count();
            }
        }
        return n;
    }
}
