package org.medgo.gateway.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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

    /** One granted scope: context, resource type ({@code *} = all) and the interactions. */
    public record Grant(Context context, String resourceType, Set<Interaction> interactions) {

        public Grant {
            interactions = interactions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(interactions));
        }

        public boolean covers(String type, Interaction interaction) {
            return ("*".equals(resourceType) || resourceType.equals(type)) && interactions.contains(interaction);
        }
    }

    private static final Pattern SCOPE = Pattern.compile("(patient|user|system)/([A-Z][A-Za-z]{0,63}|\\*)\\.(read|write|\\*|[cruds]{1,5})");

    public SmartScopes {
        grants = List.copyOf(grants);
    }

    public static SmartScopes parse(Collection<String> scopes) {
        List<Grant> grants = new ArrayList<>();
        for (String scope : scopes) {
            Matcher m = SCOPE.matcher(scope);
            if (!m.matches()) {
                continue;
            }
            Set<Interaction> interactions = Interaction.ofPermissions(m.group(3));
            if (!interactions.isEmpty()) {
                grants.add(new Grant(Context.valueOf(m.group(1).toUpperCase(Locale.ROOT)), m.group(2), interactions));
            }
        }
        return new SmartScopes(grants);
    }

    /** Whether a scope in one of {@code contexts} allows the interaction on the type. */
    public boolean allows(Set<Context> contexts, String type, Interaction interaction) {
        return grants.stream().anyMatch(g -> contexts.contains(g.context()) && g.covers(type, interaction));
    }

    /** Whether any scope in a user or system context allows the interaction on the type. */
    public boolean allowsBeyondPatient(String type, Interaction interaction) {
        return allows(EnumSet.of(Context.USER, Context.SYSTEM), type, interaction);
    }

    /** Whether a patient-context scope allows it (access then limited to the launch patient's data). */
    public boolean allowsForPatient(String type, Interaction interaction) {
        return allows(EnumSet.of(Context.PATIENT), type, interaction);
    }

    /** {@code system/*.cruds} (or v1 {@code system/*.*}): administrative functions such as {@code $deidentify}. */
    public boolean isAdministrator() {
        return grants.stream().anyMatch(g -> g.context() == Context.SYSTEM && "*".equals(g.resourceType())
                && g.interactions().size() == Interaction.values().length);
    }
}
