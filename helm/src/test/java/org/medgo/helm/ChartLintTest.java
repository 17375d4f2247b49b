package org.medgo.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ChartLintTest {

    @Test
    void theChartLintsCleanInStrictMode() {
        LintResult result = new Helm(Chart.DIR).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    @Test
    void theConfigMapCarriesTheShippedConfigurationUnchanged() throws Exception {
        Path shipped = Chart.DIR.resolve("../../config/application.yml").normalize();
        assertThat(Files.readString(Chart.DIR.resolve("files/application.yml")))
                .as("helm/medgo-gateway/files/application.yml is a link to config/application.yml")
                .isEqualTo(Files.readString(shipped));
        String configMap = Chart.one(Chart.render(null, java.util.Map.of()), "ConfigMap").at("/data/application.yml").asText();
        assertThat(configMap.strip()).isEqualTo(Files.readString(shipped).strip());
    }
}
