package org.medgo.gateway.operations;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the clinical AI operations ({@code medgo.operations.*}).
 *
 * @param maxBodyBytes     request bodies above this are refused with 413 before parsing
 * @param maxBundleEntries Bundles with more entries are refused with 413
 * @param syncTimeout      a synchronous call waits this long for the model, then answers 503
 * @param queueCapacity    requests that may wait for a free engine slot; beyond it synchronous calls get 503
 * @param maxNewTokens     generation budget per request
 * @param jobWorkers       threads running asynchronous jobs
 * @param retryAfterSeconds the Retry-After sent with 503
 * @param vaultTtl         how long the re-identification vault entry of a request lives
 */
@Validated
@ConfigurationProperties("medgo.operations")
public record OperationsProperties(
        @Min(1024) Long maxBodyBytes,
        @Min(1) @Max(100_000) Integer maxBundleEntries,
        Duration syncTimeout,
        @Min(0) @Max(10_000) Integer queueCapacity,
        @Min(16) @Max(32_768) Integer maxNewTokens,
        @Min(1) @Max(64) Integer jobWorkers,
        @Min(1) Integer retryAfterSeconds,
        Duration vaultTtl) {

    public OperationsProperties {
        maxBodyBytes = maxBodyBytes == null ? 4L * 1024 * 1024 : maxBodyBytes;
        maxBundleEntries = maxBundleEntries == null ? 1000 : maxBundleEntries;
        syncTimeout = syncTimeout == null ? Duration.ofSeconds(120) : syncTimeout;
        queueCapacity = queueCapacity == null ? 16 : queueCapacity;
        maxNewTokens = maxNewTokens == null ? 1024 : maxNewTokens;
        jobWorkers = jobWorkers == null ? 2 : jobWorkers;
        retryAfterSeconds = retryAfterSeconds == null ? 10 : retryAfterSeconds;
        vaultTtl = vaultTtl == null ? Duration.ofHours(24) : vaultTtl;
    }
}
