package org.medgo.gateway.operations.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.fhir.FhirProperties;

/** The validator the pipeline uses, without the app: its warm-up record is valid, and calls at once still each get their own verdict. */
class RecordValidatorTest {

    final RecordValidator validator = new RecordValidator(FhirContext.forR4Cached(), new FhirProperties(null, null, null));

    @Test
    void theWarmUpRecordIsValidSoItExercisesEveryCheckRatherThanStoppingAtAnError() {
        assertThat(validator.errors(ValidatorWarmUp.record())).extracting(m -> m.getLocationString() + " " + m.getMessage()).isEmpty();
    }

    @Test
    void concurrentCallsQueueForTheCoresAndEachGetsItsOwnVerdict() throws Exception {
        List<Future<Integer>> calls = new ArrayList<>();
        List<Integer> expected = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                Bundle record = ValidatorWarmUp.record();
                boolean broken = i % 2 == 1;
                if (broken) {
                    // Observation.status is 1..1 in R4: the one refusal this record must get
                    ((Observation) record.getEntry().get(3).getResource()).setStatus(null);
                }
                expected.add(broken ? 1 : 0);
                calls.add(pool.submit(() -> validator.errors(record).size()));
            }
            List<Integer> verdicts = new ArrayList<>();
            for (Future<Integer> call : calls) {
                verdicts.add(call.get());
            }
            assertThat(verdicts).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void reusedCoreValidatorsCarryNothingFromOneRecordToTheNext() {
        // more runs than a core validator serves before it is rebuilt, alternating broken and valid records
        for (int i = 0; i < 2 * ReusingInstanceValidator.USES + 3; i++) {
            Bundle record = ValidatorWarmUp.record();
            boolean broken = i % 3 == 0;
            if (broken) {
                ((Observation) record.getEntry().get(3).getResource()).setStatus(null);
            }
            assertThat(validator.errors(record)).as("run %d", i)
                    .extracting(m -> m.getLocationString())
                    .containsExactlyElementsOf(broken ? List.of("Bundle.entry[3].resource/*Observation/warm-up-observation*/") : List.of());
        }
    }
}
