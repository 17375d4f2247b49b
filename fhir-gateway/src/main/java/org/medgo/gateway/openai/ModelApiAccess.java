package org.medgo.gateway.openai;

import java.util.Collection;
import org.medgo.gateway.security.SmartScopes;

/**
 * Who may call the {@code /v1} API and whether the call is de-identified: a pure decision over the token's
 * scopes, table-tested. {@value #CHAT_SCOPE} allows completions and model listing; the administrator scope
 * ({@code system/*.cruds}) allows them too and may switch de-identification off for its own calls with
 * {@code X-MedGo-Deidentify: off}. With security off (tests only) everything is allowed.
 */
final class ModelApiAccess {

    static final String CHAT_SCOPE = "medgo.chat";

    enum Decision { DEIDENTIFIED, IDENTIFIED, NEEDS_CHAT_SCOPE, NEEDS_ADMIN_FOR_IDENTIFIED }

    private ModelApiAccess() {}

    static Decision decide(boolean securityEnabled, Collection<String> scopes, boolean identifiedRequested) {
        if (!securityEnabled) {
            return identifiedRequested ? Decision.IDENTIFIED : Decision.DEIDENTIFIED;
        }
        boolean admin = SmartScopes.parse(scopes).isAdministrator();
        if (!admin && !scopes.contains(CHAT_SCOPE)) {
            return Decision.NEEDS_CHAT_SCOPE;
        }
        if (identifiedRequested) {
            return admin ? Decision.IDENTIFIED : Decision.NEEDS_ADMIN_FOR_IDENTIFIED;
        }
        return Decision.DEIDENTIFIED;
    }

    /** The exception a refusal becomes (null when allowed). */
    static ApiError refusal(Decision d) {
        return switch (d) {
            case NEEDS_CHAT_SCOPE -> ApiError.forbidden("the token needs the scope " + CHAT_SCOPE);
            case NEEDS_ADMIN_FOR_IDENTIFIED -> ApiError.forbidden(
                    "only the administrator scope system/*.cruds may switch de-identification off");
            case DEIDENTIFIED, IDENTIFIED -> null;
        };
    }
}
