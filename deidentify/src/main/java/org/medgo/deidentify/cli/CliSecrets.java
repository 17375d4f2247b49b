package org.medgo.deidentify.cli;

import java.io.PrintStream;
import org.medgo.deidentify.DeidSecrets;

/** The CLI uses MEDGO_DEID_SECRET when set; otherwise a one-off random secret (nothing is linked later). */
final class CliSecrets {
    private CliSecrets() {
    }

    static DeidSecrets load(PrintStream err) {
        String v = System.getenv(DeidSecrets.ENV);
        if (v == null || v.isBlank()) {
            err.println("deidentify: " + DeidSecrets.ENV + " not set; using a one-off random secret "
                    + "(date offsets and hashes differ between runs)");
            return DeidSecrets.random();
        }
        return DeidSecrets.fromEnvironment(System.getenv());
    }
}
