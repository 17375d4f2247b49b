package org.medgo.gateway.operations.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.operations.idempotency.IdempotencyConflictException;
import org.medgo.gateway.operations.pipeline.ServiceUnavailableException;

/** Issue 15 V7: a job's stored failure never carries a message that may quote the record. */
class JobFailureTest {

    @Test
    void aRefusalThatQuotesTheRecordIsStoredAsItsStatusOnly() {
        var quoting = new UnprocessableEntityException("Patient.name: 'Margaret Thornton' is not valid here");

        JobFailure failure = JobFailure.of(quoting);

        assertThat(failure.status()).isEqualTo(422);
        assertThat(failure.message()).doesNotContain("Thornton").contains("422");
    }

    @Test
    void theGatewaysOwnWordsPass() {
        assertThat(JobFailure.of(new ServiceUnavailableException("the model is busy", 10)))
                .isEqualTo(new JobFailure(503, "the model is busy"));
        assertThat(JobFailure.of(new IdempotencyConflictException()).status()).isEqualTo(409);
    }
}
