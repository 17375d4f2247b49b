package org.medgo.gateway.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.medgo.audit.Outcome;
import org.medgo.gateway.audit.Requester;
import org.medgo.gateway.ehr.EhrAudit;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * CDS Hooks 2.0: {@code GET /cds-services} (discovery), {@code POST /cds-services/{id}} (a hook call,
 * answered at once with one card whose SMART link opens the review app in the launch context; generation
 * starts in the background when no draft exists yet) and {@code POST /cds-services/{id}/feedback}
 * (accepted/overridden, audited). Calls must carry a JWT of a trusted CDS client.
 */
@RestController
@EnableConfigurationProperties(CdsHooksProperties.class)
class CdsHooksController {

    private static final int MAX_REQUEST_CHARS = 4 * 1024 * 1024;

    private final ObjectMapper json = new ObjectMapper();
    private final CdsClientAuthentication authentication;
    private final HookDrafts drafts;
    private final EhrAudit audit;
    private final CdsHooksProperties properties;

    CdsHooksController(CdsClientAuthentication authentication, HookDrafts drafts, EhrAudit audit, CdsHooksProperties properties) {
        this.authentication = authentication;
        this.drafts = drafts;
        this.audit = audit;
        this.properties = properties;
    }

    @GetMapping(value = "/cds-services", produces = MediaType.APPLICATION_JSON_VALUE)
    ObjectNode discovery() {
        ObjectNode body = json.createObjectNode();
        ArrayNode services = body.putArray("services");
        for (CdsService s : CdsService.values()) {
            ObjectNode service = services.addObject().put("hook", s.hook()).put("id", s.id()).put("title", s.title())
                    .put("description", s.description());
            s.prefetch().forEach(service.putObject("prefetch")::put);
        }
        return body;
    }

    @PostMapping(value = "/cds-services/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ObjectNode> call(@PathVariable String id, @RequestHeader(value = "Authorization", required = false) String authorization,
            @RequestBody String body, HttpServletRequest http) throws Exception {
        Optional<CdsService> service = CdsService.byId(id);
        if (service.isEmpty()) {
            return error(404, "no such CDS service");
        }
        CdsClientAuthentication.CdsClient client;
        try {
            client = authentication.verify(authorization, serviceUrl(http, id));
        } catch (CdsClientAuthentication.Refused e) {
            audit.record("cds-hook", Outcome.MINOR_FAILURE, "401 " + e.getMessage(), new Requester(null, null),
                    null, null, null, Map.of("service", id));
            return error(401, e.getMessage());
        }
        if (body.length() > MAX_REQUEST_CHARS) {
            return error(413, "the hook request is too large");
        }
        JsonNode request = json.readTree(body);
        JsonNode context = request.path("context");
        String hookInstance = request.path("hookInstance").asText("");
        if (!service.get().hook().equals(request.path("hook").asText()) || !hookInstance.matches("[A-Za-z0-9.:-]{1,60}")) {
            return error(400, "expected hook " + service.get().hook() + " with a hookInstance (UUID)");
        }
        String patientId = context.path("patientId").asText("");
        String encounterId = context.path("encounterId").asText("");
        if (!patientId.matches("[A-Za-z0-9\\-.]{1,64}") || !encounterId.matches("[A-Za-z0-9\\-.]{1,64}")) {
            return error(412, "the hook context needs patientId and encounterId");
        }
        Requester requester = new Requester(client.issuer(), context.path("userId").asText(null));
        HookDrafts.Outcome outcome = drafts.findOrStart(service.get(), patientId, encounterId, request, requester);
        if (outcome.start() == HookDrafts.Start.NO_SOURCE) {
            return error(412, "no prefetch with Patient and Encounter, and no FHIR server the gateway may read");
        }
        audit.record("cds-hook", Outcome.SUCCESS, null, requester, "Patient/" + patientId,
                outcome.compositionId().map(c -> "Composition/" + c).orElse("Encounter/" + encounterId), "cds-" + hookInstance,
                Map.of("service", id, "draft", outcome.start().name().toLowerCase(java.util.Locale.ROOT)));
        return ResponseEntity.ok(cards(service.get(), outcome, patientId, encounterId, http));
    }

    @PostMapping(value = "/cds-services/{id}/feedback", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ObjectNode> feedback(@PathVariable String id, @RequestHeader(value = "Authorization", required = false) String authorization,
            @RequestBody String body, HttpServletRequest http) throws Exception {
        if (CdsService.byId(id).isEmpty()) {
            return error(404, "no such CDS service");
        }
        CdsClientAuthentication.CdsClient client;
        try {
            client = authentication.verify(authorization, serviceUrl(http, id) + "/feedback");
        } catch (CdsClientAuthentication.Refused e) {
            return error(401, e.getMessage());
        }
        if (body.length() > 64 * 1024) {
            return error(413, "the feedback is too large");
        }
        JsonNode feedback = json.readTree(body).path("feedback");
        if (!feedback.isArray() || feedback.isEmpty()) {
            return error(400, "feedback must be a non-empty array");
        }
        for (JsonNode f : feedback) {
            String outcome = f.path("outcome").asText();
            if (!outcome.equals("accepted") && !outcome.equals("overridden")) {
                return error(400, "outcome must be accepted or overridden");
            }
            audit.record("cds-feedback", Outcome.SUCCESS, null, new Requester(client.issuer(), null), null,
                    null, "card-" + f.path("card").asText(), Map.of("service", id, "outcome", outcome,
                            "overrideReason", f.path("overrideReason").path("reason").path("code").asText(""),
                            "outcomeTimestamp", f.path("outcomeTimestamp").asText("")));
        }
        return ResponseEntity.ok(json.createObjectNode());
    }

    private ObjectNode cards(CdsService service, HookDrafts.Outcome outcome, String patientId, String encounterId, HttpServletRequest http) {
        ObjectNode body = json.createObjectNode();
        ObjectNode card = body.putArray("cards").addObject();
        card.put("uuid", UUID.randomUUID().toString());
        boolean ready = outcome.start() == HookDrafts.Start.EXISTING;
        card.put("summary", ready ? service.draftName() + " ready for review"
                : outcome.start() == HookDrafts.Start.BUSY ? service.draftName() + ": the gateway is busy, try again shortly"
                : service.draftName() + " is being prepared");
        card.put("detail", "Written by the MedGo model from the chart; it is **preliminary** until a clinician reviews, "
                + "edits and signs it. Nothing enters the record without that review.");
        card.put("indicator", "info");
        card.putObject("source").put("label", "MedGo Gateway (AI-generated, needs review)");
        ObjectNode link = card.putArray("links").addObject();
        link.put("label", ready ? "Review the AI draft" : "Open the MedGo review queue");
        link.put("url", properties.reviewLaunchUrl() == null || properties.reviewLaunchUrl().isBlank()
                ? origin(http) + "/review/launch" : properties.reviewLaunchUrl());
        link.put("type", "smart");
        ObjectNode appContext = json.createObjectNode().put("patient", patientId).put("encounter", encounterId);
        outcome.compositionId().ifPresent(c -> appContext.put("composition", c));
        link.put("appContext", appContext.toString());
        return body;
    }

    private ResponseEntity<ObjectNode> error(int status, String message) {
        return ResponseEntity.status(status).body(json.createObjectNode().put("error", message));
    }

    private static String serviceUrl(HttpServletRequest http, String id) {
        return origin(http) + "/cds-services/" + id;
    }

    private static String origin(HttpServletRequest http) {
        String scheme = http.getScheme();
        int port = http.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + http.getServerName() + (defaultPort ? "" : ":" + port);
    }
}
