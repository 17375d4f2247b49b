package org.medgo.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every HAPI operation type, and none, becomes a code of R4's restful-interaction code system. */
class RestInteractionCodeTest {

    /** http://hl7.org/fhir/R4/codesystem-restful-interaction.html */
    static final Set<String> R4 = Set.of("read", "vread", "update", "patch", "delete", "history", "history-instance",
            "history-type", "history-system", "create", "search", "search-type", "search-system", "capabilities",
            "transaction", "batch", "operation");

    @Test
    void everyInteractionHasAnR4Code() {
        for (RestOperationTypeEnum op : RestOperationTypeEnum.values()) {
            assertThat(RestInteractionCode.of(op)).as(op.name()).isIn(R4);
        }
        assertThat(RestInteractionCode.of(null)).isIn(R4);
        assertThat(RestInteractionCode.of(RestOperationTypeEnum.METADATA)).isEqualTo("capabilities");
        assertThat(RestInteractionCode.of(RestOperationTypeEnum.READ)).isEqualTo("read");
    }
}
