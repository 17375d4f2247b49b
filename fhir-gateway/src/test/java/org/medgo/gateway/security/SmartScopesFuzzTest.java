package org.medgo.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the SMART scope parser and the access decision (SECURITY.md): any scope strings parse without an
 * exception into grants that each allow something, and the decision on any request is one of the four
 * answers; a token whose scopes parse to nothing is never allowed anything but the capability statement.
 */
class SmartScopesFuzzTest {

    private static final String[] TYPES = {"Composition", "Encounter", "Patient", "AuditEvent", "Bundle", null};
    private static final String[] OPERATIONS = {"$summarize", "$differential", "$approve", "$reject", "$document",
            "$job-status", "$deidentify", "$review-record", "$everything"};

    // the grammar's words, so mutations build scopes instead of noise; maxDuration caps a slow CI machine
    @DictionaryEntries({"patient/", "user/", "system/", "Composition", "Encounter", "Patient", "*", ".cruds", ".rs", ".c",
            ".read", ".write", ".*", "?", "&", "=", "category=", "launch/patient", "fhirUser", "openid"})
    @FuzzTest(maxExecutions = 200_000, maxDuration = "3m")
    void anyScopeStringsParseAndDecide(FuzzedDataProvider data) {
        List<String> scopes = new ArrayList<>();
        int n = data.consumeInt(0, 6);
        for (int i = 0; i < n; i++) {
            scopes.add(data.consumeString(60));
        }
        SmartScopes parsed = SmartScopes.parse(scopes);
        parsed.grants().forEach(g -> assertThat(g.interactions()).isNotEmpty());
        String patient = data.consumeBoolean() ? data.consumeString(20) : null;
        AccessToken token = new AccessToken("fuzz", "user", parsed, patient, null, null);
        String type = data.pickValue(TYPES);
        AccessRequest request = switch (data.consumeInt(0, 2)) {
            case 0 -> AccessRequest.metadata();
            case 1 -> AccessRequest.operation(data.pickValue(OPERATIONS), type);
            default -> AccessRequest.interaction(type, data.pickValue(Interaction.values()),
                    Map.of("patient", List.of(data.consumeString(20))));
        };

        AccessDecision decision = AccessPolicy.decide(request, token);

        assertThat(decision).isNotNull();
        if (parsed.grants().isEmpty() && request.kind() != AccessRequest.Kind.METADATA) {
            assertThat(decision).isInstanceOf(AccessDecision.Denied.class);
        }
    }
}
