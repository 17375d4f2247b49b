package org.medgo.gateway.review;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code medgo_review_edit_ratio} (Prometheus): the edit ratio of each approved draft, by document type
 * (LOINC code), with buckets, so a dashboard can follow how much clinicians rewrite the model over time.
 */
@Component
class EditRatioMetric {

    private final MeterRegistry registry;

    EditRatioMetric(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String documentType, double ratio) {
        DistributionSummary.builder("medgo.review.edit.ratio")
                .description("Share of a draft's tokens the clinician changed before approving it (0 = approved as written)")
                .tag("type", documentType == null ? "unknown" : documentType)
                .serviceLevelObjectives(0.01, 0.05, 0.1, 0.25, 0.5, 1.0)
                .register(registry).record(ratio);
    }
}
