package org.medgo.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs {@code ./medgo} (the {@link MedGoCli} main) in a fresh JVM on this test's classpath. */
public final class JavaSubprocess {

    private JavaSubprocess() {}

    /** Waits until the process has written {@code text} to {@code output}; fails if it exits first. */
    public static void awaitOutput(Process process, Path output, String text, Duration limit) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(output) && Files.readString(output).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("exited with " + process.exitValue() + " before writing '" + text + "'");
            }
            Thread.sleep(200);
        }
        throw new AssertionError("did not write '" + text + "' within " + limit);
    }

    public static Process medgo(Map<String, String> environment, Path stdout, Path stderr, String... arguments)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MedGoCli.class.getName());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("MEDGO_") || name.equals("SERVER_PORT"));
        builder.environment().putAll(environment);
        return builder.start();
    }
}
