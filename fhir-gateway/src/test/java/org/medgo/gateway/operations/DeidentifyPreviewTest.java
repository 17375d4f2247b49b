package org.medgo.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.GatewayTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Bundle/$deidentify shows what the model would see (JSON and XML in), and it carries no identifier. */
@GatewayTest
class DeidentifyPreviewTest {

    @LocalServerPort
    int port;

    @Test
    void thePreviewHoldsSurrogatesNotIdentifiers() throws Exception {
        SyntheticRecords.Record record = SyntheticRecords.chinese(9, true);
        String xml = FhirHttp.FHIR.newXmlParser().encodeResourceToString(record.bundle());
        HttpResponse<String> r = new FhirHttp(port).post("Bundle/$deidentify", xml, "application/fhir+xml", Map.of());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Parameters out = FhirHttp.parse(Parameters.class, r);
        String preview = r.body();
        for (String identifier : record.identifiers()) {
            assertThat(preview).doesNotContain(identifier);
        }
        assertThat(out.getParameter("record").getValue().primitiveValue()).contains("[NAME_").contains("高血压");
        assertThat(out.getParameter("language").getValue().primitiveValue()).isEqualTo("zh");
        assertThat(out.getParameter("promptTemplate").getValue().primitiveValue()).isEqualTo("summarize-v2.zh");
    }
}
