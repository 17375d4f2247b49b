package org.medgo.gateway.operations.prompt;

import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Patient;

/**
 * The language to answer in: the caller's {@code language} parameter, else the patient's preferred
 * communication language, else Chinese when the record's text is mostly Han characters, else English.
 */
public final class RecordLanguage {

    private RecordLanguage() {}

    public static String of(Bundle bundle, String renderedRecord, Optional<String> requested) {
        if (requested.isPresent()) {
            return requested.get();
        }
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            if (e.getResource() instanceof Patient p) {
                for (Patient.PatientCommunicationComponent c : p.getCommunication()) {
                    if (c.getPreferred() || p.getCommunication().size() == 1) {
                        for (Coding coding : c.getLanguage().getCoding()) {
                            String code = coding.getCode() == null ? "" : coding.getCode().toLowerCase();
                            if (code.startsWith("zh")) return "zh";
                            if (code.startsWith("en")) return "en";
                        }
                    }
                }
            }
        }
        String values = renderedRecord.lines().map(l -> l.substring(l.indexOf(':') + 1)).reduce("", String::concat);
        long han = values.codePoints().filter(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN).count();
        long latin = values.codePoints().filter(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN).count();
        // a Han character carries about as much as a short Latin word
        return han * 3 > latin ? "zh" : "en";
    }
}
