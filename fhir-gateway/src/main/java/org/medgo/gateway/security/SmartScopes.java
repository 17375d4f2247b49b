package org.medgo.gateway.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resource scopes of a SMART token: v2 {@code patient|user|system/<Type|*>.<cruds>} (optionally with
 * a {@code ?query}, which narrows nothing here and so is refused rather than widened) and v1
 * {@code <context>/<Type|*>.read|write|*}. Anything else ({@code launch}, {@code openid}, {@code fhirUser},
 * {@code offline_access}) grants no resource access.
 */
public record SmartScopes(List<Grant> grants) {

    public enum Context { PATIENT, USER, SYSTEM }

    /** One granted scope: context, resource type ({@code *} = all) and the interactions (c r u d s). */
    public record Grant(Context context, String resourceType, String interactions) {
        boolean covers(String type, char interaction) {
            return ("*".equals(resourceType) || resourceType.equals(type)) && interactions.indexOf(interaction) >= 0;
        }
    }

    private static final Pattern SCOPE = Pattern.compile("(patient|user|system)/([A-Z][A-Za-z]{0,63}|\\*)\\.(read|write|\\*|c?r?u?d?s?)");

    public SmartScopes {
        grants = List.copyOf(grants);
    }

    public static SmartScopes parse(Collection<String> scopes) {
        List<Grant> grants = new ArrayList<>();
        for (String scope : scopes) {
            Matcher m = SCOPE.matcher(scope);
            if (!m.matches() || m.group(3).isEmpty()) {
                continue;
            }
            String permissions = switch (m.group(3)) {
                case "read" -> "rs";
                case "write" -> "cud";
                case "*" -> "cruds";
                default -> m.group(3);
            };
            grants.add(new Grant(Context.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT)), m.group(2), permissions));
        }
        return new SmartScopes(grants);
    }

    /** Whether any scope in a user or system context allows the interaction on the type. */
    public boolean allowsBeyondPatient(String type, char interaction) {
        return grants.stream().anyMatch(g -> g.context() != Context.PATIENT && g.covers(type, interaction));
    }

    /** Whether a patient-context scope allows it (access then limited to the launch patient's data). */
    public boolean allowsForPatient(String type, char interaction) {
        return grants.stream().anyMatch(g -> g.context() == Context.PATIENT && g.covers(type, interaction));
    }

    /** {@code system/*.cruds} (or v1 {@code system/*.*}): administrative functions such as {@code $deidentify}. */
    public boolean isAdministrator() {
        return grants.stream().anyMatch(g -> g.context() == Context.SYSTEM && "*".equals(g.resourceType()) && g.interactions().equals("cruds"));
    }
}
