package org.medgo.gateway.operations.idempotency;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;

/**
 * SHA-256 of an operation call's normalised input: the operation, the language override and the record
 * as compact FHIR JSON re-encoded from the parsed Bundle, so the same record sent as XML or with other
 * whitespace is the same input.
 */
public final class InputFingerprint {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private InputFingerprint() {}

    public static String of(String operation, Optional<String> language, Bundle record) {
        return of(operation, language, FHIR.newJsonParser().setPrettyPrint(false).encodeResourceToString(record));
    }

    /** As above, for the record already encoded as compact FHIR JSON by HAPI (the same text that method encodes). */
    public static String of(String operation, Optional<String> language, String recordJson) {
        String normalised = operation + "\n" + language.orElse("") + "\n" + recordJson;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
