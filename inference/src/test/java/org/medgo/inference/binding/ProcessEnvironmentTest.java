package org.medgo.inference.binding;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A variable set for one call (one session's creation) is visible to native code then, and gone after. */
class ProcessEnvironmentTest {

    @Test
    void theVariableExistsOnlyDuringTheCall() {
        String name = "MEDGO_PROCESS_ENVIRONMENT_TEST";
        assertThat(ProcessEnvironment.get(name)).isNull();
        String seen = ProcessEnvironment.with(name, "1", () -> ProcessEnvironment.get(name));
        assertThat(seen).isEqualTo("1");
        assertThat(ProcessEnvironment.get(name)).isNull();
    }
}
