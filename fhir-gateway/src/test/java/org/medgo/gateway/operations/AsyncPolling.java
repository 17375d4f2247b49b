package org.medgo.gateway.operations;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** Polls a status URL until it stops answering 202. */
final class AsyncPolling {

    private AsyncPolling() {}

    static HttpResponse<String> awaitResult(FhirHttp http, String statusUrl, Duration limit) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> r = http.get(statusUrl);
            if (r.statusCode() != 202) {
                return r;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no result from " + statusUrl + " within " + limit);
    }
}
