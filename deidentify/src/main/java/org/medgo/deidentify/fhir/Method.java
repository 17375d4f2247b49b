package org.medgo.deidentify.fhir;

import java.util.Locale;

/** What a rule does to the elements its FHIRPath selects. */
public enum Method {
    /** Leave as is (clinical content: codes, values, units). */
    KEEP,
    /** Remove the value (the element disappears from the JSON). */
    REDACT,
    /** Replace with a typed surrogate ([NAME_1]) that the vault can reverse. */
    SURROGATE,
    /** Move dates by the patient's secret offset; intervals between dates are kept. */
    DATE_SHIFT,
    /** Coarsen: ages over 89 → 90, postcodes → first 3 digits, dates → year. */
    GENERALIZE,
    /** Keyed HMAC-SHA256: stable pseudonym, not reversible, linkable within the key's scope. */
    CRYPTO_HASH,
    /** Free-text de-identification: PHI inside the text is replaced, the rest kept. */
    TEXT;

    public static Method parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
