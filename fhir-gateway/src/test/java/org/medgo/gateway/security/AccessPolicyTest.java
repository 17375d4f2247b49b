package org.medgo.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * The scope policy as a table ({@code security/access-decisions.csv}): scopes and launch patient of a
 * token, a request, and the decision. No HTTP, no model; the HTTP tests prove only the wiring.
 */
class AccessPolicyTest {

    @ParameterizedTest(name = "{4}: {0} / {2}")
    @CsvFileSource(resources = "/security/access-decisions.csv", delimiter = '|', nullValues = "-", emptyValue = "")
    void decides(String scopes, String launchPatient, String request, String expected, String why) {
        AccessToken token = scopes == null ? null
                : new AccessToken("client", "user", SmartScopes.parse(Arrays.asList(scopes.split("\\s+"))), launchPatient, null, null);

        AccessDecision decision = AccessPolicy.decide(request(request), token);

        assertThat(text(decision)).as(why).isEqualTo(expected);
    }

    /** {@code metadata}, {@code op $name Type}, {@code <interaction> Type [name=value&...]}; type {@code -} = none. */
    private static AccessRequest request(String text) {
        String[] words = text.split(" ");
        if (words[0].equals("metadata")) {
            return AccessRequest.metadata();
        }
        if (words[0].equals("op")) {
            return AccessRequest.operation(words[1], type(words[2]));
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (words.length > 2) {
            for (String pair : words[2].split("&")) {
                String[] nv = pair.split("=", 2);
                parameters.computeIfAbsent(nv[0], k -> new ArrayList<>()).add(nv[1]);
            }
        }
        return AccessRequest.interaction(type(words[1]), Interaction.valueOf(words[0].toUpperCase(Locale.ROOT)), parameters);
    }

    private static String type(String word) {
        return word.equals("-") ? null : word;
    }

    private static String text(AccessDecision decision) {
        return switch (decision) {
            case AccessDecision.Allowed a -> "allow";
            case AccessDecision.AllowedForPatient p -> "patient " + p.patientRef();
            case AccessDecision.Unauthenticated u -> "401";
            case AccessDecision.Denied d -> "deny";
        };
    }
}
