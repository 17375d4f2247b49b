package org.medgo.deidentify.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code medgo deidentify text|bundle}: registered by the gateway's MedGoCli. */
@Command(name = "deidentify", mixinStandardHelpOptions = true,
        description = "De-identify free text (JSONL) or a FHIR R4 resource/Bundle (JSON) from stdin to stdout.",
        subcommands = {DeidentifyTextCommand.class, DeidentifyBundleCommand.class})
public final class DeidentifyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
