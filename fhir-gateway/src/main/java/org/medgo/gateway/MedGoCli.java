package org.medgo.gateway;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code ./medgo} command line. Every subcommand of the product is listed in {@code subcommands}
 * below; registering a new one (from this module or a library module) is one added line there.
 */
@Command(
        name = "medgo",
        mixinStandardHelpOptions = true,
        versionProvider = BuildVersion.class,
        description = "MedGo Gateway: a FHIR R4 gateway that runs the MedGo medical language model for an EMR.",
        subcommands = {
            ServeCommand.class,
            org.medgo.inference.cli.InferCommand.class, org.medgo.inference.cli.BenchCommand.class,
            org.medgo.inference.cli.EvalCommand.class,
            org.medgo.deidentify.cli.DeidentifyCommand.class,
            org.medgo.gateway.audit.AuditCommand.class,
            // add subcommands here, one per line
            CommandLine.HelpCommand.class,
        })
public final class MedGoCli implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        // "./medgo" alone: show what it can do rather than guessing a default action.
        spec.commandLine().usage(System.out);
    }

    public static CommandLine commandLine() {
        return new CommandLine(new MedGoCli());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
