package org.medgo.gateway.review;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.List;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.StringType;
import org.medgo.gateway.audit.Requester;

/**
 * {@code POST /fhir/Composition/{id}/$approve} (optional {@code section} strings: the edited plain text of
 * each section, in order) and {@code POST /fhir/Composition/{id}/$reject} ({@code reason}). The reviewer is
 * the authenticated user the security layer put on the request, never a request parameter.
 */
public class ReviewOperationsProvider {

    private final CompositionReview review;

    ReviewOperationsProvider(CompositionReview review) {
        this.review = review;
    }

    @Operation(name = "$approve", type = Composition.class)
    @Description(shortDefinition = "Approve an AI draft: preliminary → final, attested by the authenticated clinician")
    public Composition approve(@IdParam IdType id,
            @OperationParam(name = "section", max = OperationParam.MAX_UNLIMITED) List<StringType> sections,
            RequestDetails request) {
        Requester who = requester(request);
        List<String> texts = sections == null ? List.of() : sections.stream().map(s -> s.getValue() == null ? "" : s.getValue()).toList();
        return review.decide(id.getIdPart(), new ReviewDecision(ReviewDecision.Kind.APPROVE, signer(request, who), texts, null), who,
                IfMatch.version(request));
    }

    @Operation(name = "$reject", type = Composition.class)
    @Description(shortDefinition = "Reject an AI draft with a reason: preliminary → entered-in-error")
    public Composition reject(@IdParam IdType id, @OperationParam(name = "reason", min = 1, max = 1) StringType reason,
            RequestDetails request) {
        Requester who = requester(request);
        return review.decide(id.getIdPart(),
                new ReviewDecision(ReviewDecision.Kind.REJECT, signer(request, who), List.of(), reason == null ? null : reason.getValue()), who,
                IfMatch.version(request));
    }

    /**
     * The token's fhirUser, not its {@code sub}: the security layer puts it on the request. Without a signed-in
     * user at all the decision is refused as unauthenticated (401), with a user but no fhirUser as forbidden.
     */
    private static String signer(RequestDetails request, Requester who) {
        Object fhirUser = request.getAttribute(Requester.FHIR_USER_ATTRIBUTE);
        if (fhirUser == null && request instanceof ServletRequestDetails s) {
            fhirUser = s.getServletRequest().getAttribute(Requester.FHIR_USER_ATTRIBUTE);
        }
        if (fhirUser != null) return fhirUser.toString();
        return who.userId() == null ? null : "";
    }

    private static Requester requester(RequestDetails request) {
        return request instanceof ServletRequestDetails s ? Requester.of(s.getServletRequest()) : new Requester(null, null);
    }
}
