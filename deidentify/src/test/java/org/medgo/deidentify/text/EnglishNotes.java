package org.medgo.deidentify.text;

import org.medgo.deidentify.DeidSecrets;
import org.medgo.deidentify.DeidSession;

/** The text an English note comes back as, as the tests of the English detectors read it (fixed secret, one request each). */
final class EnglishNotes {
    private static final TextDeidentifier DEID = TextDeidentifier.standard();

    private EnglishNotes() {}

    static String clean(String note) {
        return DEID.deidentify(note, Language.EN, DeidSession.newRequest(DeidSecrets.of(new byte[32]))).text();
    }
}
