package org.medgo.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs {@code ./medgo} (the {@link MedGoCli} main) in a fresh JVM on this test's classpath. */
public final class JavaSubprocess {

    /** What {@code GatewayStartLog} writes once the gateway serves. */
    private static final String STARTED = " started (start #";
    private static final Duration START_LIMIT = Duration.ofMinutes(3);
    private static final int OUTPUT_TAIL_CHARS = 3000;

    private JavaSubprocess() {}

    /** Waits until the process has written {@code text} to {@code output}; fails if it exits first. */
    private static void awaitOutput(Process process, Path output, String text, Duration limit) throws Exception {
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
        return start("-Xmx512m", environment, stdout, stderr, arguments);
    }

    /**
     * {@code ./medgo serve} on {@code dataDir} with {@code environment} added, returned once it has logged its
     * start. If it does not start, it is killed and the error carries the end of its output: a child JVM
     * leaves no other trace in the test report.
     */
    public static Process serve(Path dataDir, Map<String, String> environment, Path stdout, Path stderr)
            throws Exception {
        return serve(dataDir, environment, stdout, stderr, START_LIMIT);
    }

    /** As above, allowing {@code startLimit} (several gateways starting at once on a small machine take longer). */
    public static Process serve(Path dataDir, Map<String, String> environment, Path stdout, Path stderr, Duration startLimit)
            throws Exception {
        Map<String, String> withDataDir = new HashMap<>(environment);
        withDataDir.put("MEDGO_DATA_DIR", dataDir.toString());
        // room for the demo model, which a served gateway may run
        Process gateway = start("-Xmx1500m", withDataDir, stdout, stderr, "serve");
        try {
            awaitOutput(gateway, stdout, STARTED, startLimit);
            return gateway;
        } catch (Exception | AssertionError e) {
            gateway.destroyForcibly();
            throw new AssertionError(e.getMessage() + "; end of stdout: " + tail(stdout) + "; end of stderr: " + tail(stderr), e);
        }
    }

    private static Process start(String maxHeap, Map<String, String> environment, Path stdout, Path stderr,
            String... arguments) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add(maxHeap);
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

    private static String tail(Path output) throws IOException {
        if (!Files.exists(output)) {
            return "";
        }
        String text = Files.readString(output);
        return text.substring(Math.max(0, text.length() - OUTPUT_TAIL_CHARS));
    }
}
