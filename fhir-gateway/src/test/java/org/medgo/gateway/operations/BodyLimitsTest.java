package org.medgo.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.GatewayTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 15 V5: the body limit covers {@code $approve}/{@code $reject} too, declared or chunked; before, a
 * 300 MB body was read and parsed. 5 MiB stands in for it (the limit is 4 MiB).
 */
@GatewayTest
class BodyLimitsTest {

    @LocalServerPort
    int port;

    private static final byte[] FIVE_MIB = ("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"reason\",\"valueString\":\""
            + "x".repeat(5 * 1024 * 1024) + "\"}]}").getBytes(StandardCharsets.UTF_8);

    @Test
    void aDeclaredLengthAboveTheLimitIsRefusedBeforeReading() throws Exception {
        HttpResponse<String> r = new FhirHttp(port).send("POST", "Composition/" + UUID.randomUUID() + "/$reject",
                HttpRequest.BodyPublishers.ofByteArray(FIVE_MIB), Map.of("Content-Type", "application/fhir+json"));

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("OperationOutcome").contains("MEDGO_OPERATIONS_MAX_BODY_BYTES");
    }

    @Test
    void aChunkedBodyStopsBeingReadAtTheLimit() throws Exception {
        HttpResponse<String> r = new FhirHttp(port).send("POST", "Composition/" + UUID.randomUUID() + "/$approve",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(FIVE_MIB)),
                Map.of("Content-Type", "application/fhir+json"));

        assertThat(r.statusCode()).isEqualTo(413);
    }
}
