package org.medgo.gateway.ehr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The EMR of the round-trip tests: module {@code emr-sandbox} (HAPI FHIR JPA server + Spring Authorization
 * Server) in its own JVM, from its compiled classes and the classpath file its build writes. The gateway's
 * client key pair is made here: the private key as PKCS#8 PEM for {@code MEDGO_EHR_PRIVATE_KEY}, the public
 * JWKS registered with the sandbox (which verifies the client assertion against it).
 */
final class EmrSandboxProcess implements AutoCloseable {

    static final String CLIENT_ID = "medgo-gateway";
    private static final Path MODULE = Path.of("..", "emr-sandbox", "target");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    final int port;
    final Path privateKeyPem;
    final String keyId = "medgo-test-key";

    private EmrSandboxProcess(Process process, Path log, int port, Path privateKeyPem) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.privateKeyPem = privateKeyPem;
    }

    /** Starts the sandbox; {@link #awaitReady} waits for it (start it first, then boot the gateway meanwhile). */
    static EmrSandboxProcess start(Path work, Duration tokenTtl) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Path pem = work.resolve("gateway-client-key.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Path jwks = work.resolve("gateway-client-jwks.json");
        Files.writeString(jwks, new JWKSet(new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyID("medgo-test-key").build())
                .toString(true));
        int port = freePort();
        String classpath = MODULE.resolve("classes").toAbsolutePath() + java.io.File.pathSeparator
                + Files.readString(MODULE.resolve("classpath.txt")).strip();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx768m", "-XX:TieredStopAtLevel=1", "-cp", classpath, "org.medgo.emrsandbox.EmrSandbox",
                "--server.port=" + port, "--sandbox.client-id=" + CLIENT_ID, "--sandbox.client-jwks=" + jwks.toAbsolutePath(),
                "--sandbox.token-ttl=" + tokenTtl.toSeconds() + "s"));
        // beside the build's other reports, so a failed CI run keeps the EMR's side of the story
        Path log = Path.of("target", "emr-sandbox-" + port + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new EmrSandboxProcess(process, log, port, pem);
    }

    EmrSandboxProcess awaitReady(Duration limit) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the EMR sandbox exited: " + tail());
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(fhirBase() + "/metadata")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the EMR sandbox did not start within " + limit + ": " + tail());
    }

    String origin() {
        return "http://127.0.0.1:" + port;
    }

    String fhirBase() {
        return origin() + "/fhir";
    }

    String tokenUri() {
        return origin() + "/oauth2/token";
    }

    /** A token of the sandbox's loader client (system/*.cruds), for loading and checking records. */
    String loaderToken() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUri()))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("sandbox-loader:sandbox-loader-secret".getBytes()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=system/*.cruds")).build();
        return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asText();
    }

    /** Posts a transaction Bundle from the test classpath (Synthea's output as written); the response Bundle. */
    JsonNode load(String resource) throws Exception {
        try (InputStream in = EmrSandboxProcess.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("missing test resource " + resource);
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(fhirBase())).header("Authorization", "Bearer " + loaderToken())
                    .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofByteArray(in.readAllBytes())).build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("loading " + resource + ": " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        }
    }

    JsonNode get(String path) throws Exception {
        // a token search (system|value) has a '|', which java.net.URI refuses unencoded
        String url = (path.startsWith("/_") ? origin() + path : fhirBase() + "/" + path).replace("|", "%7C");
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + loaderToken()).header("Accept", "application/fhir+json").build();
        return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    String text(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(origin() + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    void arm(String method, String pathContains, int status, int times, boolean afterProcessing) throws Exception {
        String query = "method=" + method + "&pathContains=" + pathContains + "&status=" + status + "&times=" + times
                + "&afterProcessing=" + afterProcessing;
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(origin() + "/_sandbox/faults?" + query))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("arming a fault: " + r.statusCode() + " " + r.body());
        }
    }

    int stat(String name) throws Exception {
        return get("/_sandbox/stats").path(name).asInt();
    }

    private String tail() throws java.io.IOException {
        String text = Files.exists(log) ? Files.readString(log) : "";
        return text.substring(Math.max(0, text.length() - 3000));
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
