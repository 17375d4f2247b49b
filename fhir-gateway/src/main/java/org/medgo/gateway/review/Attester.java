package org.medgo.gateway.review;

import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Reference;

/**
 * Who may sign an AI draft: the token's {@code fhirUser} when it names a Practitioner or PractitionerRole,
 * relative ({@code Practitioner/123}) or on another server (kept absolute, never collapsed into a local
 * reference). A bare {@code sub}, a Patient, a RelatedPerson or anything else signs nothing.
 */
final class Attester {

    private static final Pattern RELATIVE = Pattern.compile("(Practitioner|PractitionerRole)/[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern ABSOLUTE = Pattern.compile("https://[A-Za-z0-9.\\-]{1,253}(:[0-9]{1,5})?(/[A-Za-z0-9._~\\-]{1,64}){0,8}"
            + "/(Practitioner|PractitionerRole)/[A-Za-z0-9\\-.]{1,64}");

    private Attester() {}

    static Optional<Reference> of(String fhirUser) {
        if (fhirUser == null) {
            return Optional.empty();
        }
        String user = fhirUser.strip();
        return RELATIVE.matcher(user).matches() || ABSOLUTE.matcher(user).matches() ? Optional.of(new Reference(user)) : Optional.empty();
    }
}
