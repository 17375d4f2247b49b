package org.medgo.gateway;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs {@code ./medgo} (the {@link MedGoCli} main) in a fresh JVM on this test's classpath. */
public final class JavaSubprocess {

    private JavaSubprocess() {}

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
