package org.medgo.gateway.operations.jobs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How long a worker holds a running job without renewing it ({@code medgo.operations.job-lease.*},
 * MEDGO_OPERATIONS_JOB_LEASE). The worker renews every third of it; once it lapses, any worker of any gateway
 * process on the database claims the job again. Shorter: faster recovery; longer: fewer renewals.
 */
@Validated
@ConfigurationProperties("medgo.operations.job-lease")
public record JobLease(Duration duration) {

    public JobLease {
        duration = duration == null ? Duration.ofSeconds(30) : duration;
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("medgo.operations.job-lease.duration must be 1 s or more, not " + duration);
        }
    }

    Duration renewEvery() {
        return duration.dividedBy(3);
    }
}
