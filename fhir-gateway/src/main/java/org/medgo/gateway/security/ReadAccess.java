package org.medgo.gateway.security;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The scope check of a read, for answers that hand out a stored document outside a read interaction: a
 * replayed request id returns the earlier Composition only to a token that could {@code GET} it.
 */
@Component
@ConditionalOnWebApplication
public class ReadAccess {

    private final SecurityProperties properties;

    ReadAccess(SecurityProperties properties) {
        this.properties = properties;
    }

    /** 403 unless the current token may read a Composition of {@code patientRef}. */
    public void requireCompositionRead(String patientRef) {
        if (!properties.enabled()) {
            return;
        }
        AccessToken token = AccessToken.of(SecurityContextHolder.getContext().getAuthentication());
        AccessDecision decision = AccessPolicy.decide(AccessRequest.interaction("Composition", Interaction.READ, Map.of()), token);
        boolean allowed = switch (decision) {
            case AccessDecision.Allowed a -> true;
            case AccessDecision.AllowedForPatient p -> p.patientRef().equals(patientRef);
            case AccessDecision.Unauthenticated u -> false;
            case AccessDecision.Denied d -> false;
        };
        if (!allowed) {
            throw new ForbiddenOperationException("the access token's scopes do not allow this request");
        }
    }
}
