package org.medgo.deidentify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommandStreamsTest {

    @Test
    void consoleOutputOfLibrariesGoesToStderrSoStdoutHoldsOnlyTheResult() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream console = System.out;
        CommandStreams streams = new CommandStreams(new ByteArrayInputStream(new byte[0]), new PrintStream(out), new PrintStream(err));

        int exit = streams.runWithConsoleOnStderr((in, result, diagnostics) -> {
            System.out.println("a library logging to the console");
            result.print("{}");
            return 3;
        });

        assertThat(exit).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{}");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("a library logging to the console");
        assertThat(System.out).as("restored afterwards").isSameAs(console);
    }
}
