package org.medgo.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.GatewayTest;
import org.medgo.gateway.operations.model.InferenceQueue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** A synchronous call that outlives the sync timeout gets 503 + Retry-After, and its engine place is freed. */
@GatewayTest
@TestPropertySource(properties = "medgo.operations.sync-timeout=1ms")
class SyncTimeoutTest {

    @LocalServerPort
    int port;

    @Autowired
    InferenceQueue queue;

    @Test
    void aCallPastTheTimeoutIs503WithRetryAfterAndLeavesNothingQueued() throws Exception {
        HttpResponse<String> r = new FhirHttp(port).post("Encounter/$summarize", SyntheticRecords.english(77, true).bundle(),
                Map.of("X-Request-Id", "timeout-77"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).contains("10");
        assertThat(r.body()).contains("OperationOutcome").contains("respond-async");
        assertThat(queue.inUse()).isZero();
        assertThat(new FhirHttp(port).get("Composition?encounter=Encounter/" + SyntheticRecords.english(77, true).encounterId())
                .body()).doesNotContain("\"entry\"");
    }
}
