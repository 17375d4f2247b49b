package org.medgo.gateway.operations.conformance;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationDefinition.OperationParameterUse;
import org.springframework.stereotype.Component;

/**
 * The parameters of the clinical AI operations in their OperationDefinitions. HAPI derives parameters from
 * {@code @OperationParam}s, and these operations read their body themselves (size cap before parsing, a Bundle
 * or a Parameters), so HAPI would publish them with none. Also: no {@code _include}/{@code _revinclude} in the
 * CapabilityStatement, since no search here supports them.
 */
@Component
@Interceptor
public class OperationDefinitionParameters {

    record Param(String name, OperationParameterUse use, int min, String max, String type, String documentation) {}

    private static final List<Param> RECORD_IN = List.of(
            new Param("bundle", OperationParameterUse.IN, 0, "1", "Bundle",
                    "The record: a Bundle (collection, transaction or document) with exactly one Patient and the focal resource. "
                            + "Instead of a Parameters, the Bundle itself may be the request body"),
            new Param("language", OperationParameterUse.IN, 0, "1", "code", "en or zh: the language of the draft (else the patient's, else the record's)"),
            new Param("requestId", OperationParameterUse.IN, 0, "1", "string",
                    "Idempotency key (or the X-Request-Id header): a retry returns the first result instead of a second draft"));
    private static final Param DOCUMENT_OUT = new Param("return", OperationParameterUse.OUT, 1, "1", "Bundle",
            "The document Bundle: the preliminary Composition, what was generated with it, its Provenance, the model Device "
                    + "and the received resources it refers to");

    static final Map<String, List<Param>> PARAMETERS = Map.of(
            "summarize", concat(RECORD_IN, DOCUMENT_OUT),
            "differential", concat(RECORD_IN, DOCUMENT_OUT),
            "deidentify", List.of(
                    new Param("bundle", OperationParameterUse.IN, 1, "1", "Bundle", "The record (or the Bundle as the request body)"),
                    new Param("bundle", OperationParameterUse.OUT, 1, "1", "Bundle", "The record as the model would see it, de-identified"),
                    new Param("record", OperationParameterUse.OUT, 1, "1", "string", "The record text of the prompt"),
                    new Param("language", OperationParameterUse.OUT, 1, "1", "code", "The language chosen"),
                    new Param("promptTemplate", OperationParameterUse.OUT, 1, "1", "string", "The prompt template version")),
            "job-status", List.of(
                    new Param("_jobId", OperationParameterUse.IN, 1, "1", "string", "The job, from the Content-Location of the 202"),
                    new Param("return", OperationParameterUse.OUT, 0, "1", "Bundle", "When done: a batch-response Bundle holding the document Bundle")),
            "document", List.of(DOCUMENT_OUT));

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public void describe(ResponseDetails response) {
        if (!(response.getResponseResource() instanceof OperationDefinition definition)) {
            return;
        }
        for (Param p : PARAMETERS.getOrDefault(definition.getCode(), List.of())) {
            boolean declared = definition.getParameter().stream()
                    .anyMatch(d -> p.name().equals(d.getName()) && p.use() == d.getUse());
            if (!declared) {
                definition.addParameter().setName(p.name()).setUse(p.use()).setMin(p.min()).setMax(p.max())
                        .setType(p.type()).setDocumentation(p.documentation());
            }
        }
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void noIncludes(IBaseConformance statement) {
        if (statement instanceof CapabilityStatement cs) {
            cs.getRest().forEach(rest -> rest.getResource().forEach(r -> {
                r.getSearchInclude().clear();
                r.getSearchRevInclude().clear();
            }));
        }
    }

    private static List<Param> concat(List<Param> in, Param out) {
        List<Param> all = new java.util.ArrayList<>(in);
        all.add(out);
        return List.copyOf(all);
    }
}
