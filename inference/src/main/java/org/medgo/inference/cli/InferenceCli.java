package org.medgo.inference.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The inference commands on their own ({@code java -cp ... org.medgo.inference.cli.InferenceCli bench ...});
 * the app's {@code medgo} main registers {@link InferCommand} and {@link BenchCommand} itself.
 */
@Command(name = "medgo-inference", mixinStandardHelpOptions = true, subcommands = {InferCommand.class, BenchCommand.class, EvalCommand.class},
        description = "MedGo inference commands.")
public final class InferenceCli implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** A command line that prints one-line errors for bad input instead of stack traces. */
    public static CommandLine commandLine(Object command) {
        CommandLine cl = new CommandLine(command);
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            line.getErr().println(line.getColorScheme().errorText("error: " + ex.getMessage()));
            return 2;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new InferenceCli()).execute(args));
    }
}
