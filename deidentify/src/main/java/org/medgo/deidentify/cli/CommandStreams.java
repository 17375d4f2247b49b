package org.medgo.deidentify.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/** A de-identify command's stdin, stdout and stderr: the process's own, or a test's. */
record CommandStreams(InputStream in, PrintStream out, PrintStream err) {

    static CommandStreams system() {
        return new CommandStreams(System.in, System.out, System.err);
    }

    /** What a command does with its streams; returns the exit code. */
    interface Body {
        int run(InputStream in, PrintStream out, PrintStream err) throws IOException;
    }

    /**
     * Runs {@code body} with {@code System.out} pointed at stderr. stdout carries the result only: a
     * library that logs to the console (HAPI through the app's default logback console appender) must not
     * end up inside the JSON.
     */
    int runWithConsoleOnStderr(Body body) throws IOException {
        PrintStream console = System.out;
        System.setOut(err);
        try {
            return body.run(in, out, err);
        } finally {
            System.setOut(console);
        }
    }
}
