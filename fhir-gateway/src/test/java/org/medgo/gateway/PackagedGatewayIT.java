package org.medgo.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar that {@code ./medgo serve} runs, started as its own process: the unit and Spring tests run on the test
 * classpath, which once held a library the app jar lacked (declared twice in the pom, the test-scope twin won), so
 * every test passed while the gateway could not start.
 */
class PackagedGatewayIT {

    private static final Duration START_LIMIT = Duration.ofMinutes(3);

    @TempDir
    Path dataDir;

    @Test
    void theAppJarStartsServesFhirAndStopsCleanlyOnSigterm() throws Exception {
        Path jar = Path.of("target", "medgo-gateway.jar");
        assertThat(jar).as("run after package: mvn verify").exists();
        int port = freePort();
        Path log = dataDir.resolve("gateway.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx1g", "-jar", jar.toString(), "serve")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("MEDGO_DATA_DIR", dataDir.resolve("data").toString());
        pb.environment().put("SERVER_PORT", Integer.toString(port));
        pb.environment().put("MEDGO_SECURITY_ENABLED", "true");
        Process gateway = pb.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            waitForHealth(http, port, gateway, log);

            HttpResponse<String> metadata = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/metadata"))
                    .header("Accept", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metadata.statusCode()).isEqualTo(200);
            assertThat(metadata.body()).contains("\"resourceType\":\"CapabilityStatement\"");

            HttpResponse<String> reviewApp = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/review/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(reviewApp.statusCode()).as("the review app's page is in the jar").isEqualTo(200);
            assertThat(reviewApp.body()).contains("citation-summary");

            HttpResponse<String> unauthenticated = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/fhir/Composition")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unauthenticated.statusCode()).as("security is on in the shipped configuration").isEqualTo(401);

            gateway.destroy(); // SIGTERM, as Kubernetes and Ctrl-C stop it
            assertThat(gateway.waitFor(2, TimeUnit.MINUTES)).as("stopped within 2 min; log:\n%s", tail(log)).isTrue();
            assertThat(gateway.exitValue()).as("exit status after SIGTERM; log:\n%s", tail(log)).isZero();
        } finally {
            gateway.destroyForcibly();
        }
    }

    private static void waitForHealth(HttpClient http, int port, Process gateway, Path log) throws Exception {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(gateway.isAlive()).as("the gateway exited during start-up; log:\n%s", tail(log)).isTrue();
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling until the deadline
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not healthy within " + START_LIMIT + "; log:\n" + tail(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.substring(Math.max(0, text.length() - 6000));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
