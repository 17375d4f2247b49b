package org.medgo.gateway.security.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.medgo.gateway.security.RawHttp;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 15, lower list: the demo's SMART discovery names the address it was asked at (no
 * MEDGO_PUBLIC_BASE_URL), so a forged Host came back in a document served {@code Cache-Control: public}, which
 * a shared cache would hand to everyone. Now such a document is never stored by a cache.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"medgo.data-dir=target/medgo-test-data/${random.uuid}", "medgo.db.url=", "medgo.security.enabled=true"})
class DemoDiscoveryCacheTest {

    @LocalServerPort
    int port;

    @Test
    void aDocumentNamingTheRequestsHostIsNeverCachedForOthers() throws Exception {
        RawHttp.Response forged = RawHttp.get(port, "/fhir/.well-known/smart-configuration", "attacker.example");

        assertThat(forged.status()).isEqualTo(200);
        assertThat(forged.body()).as("the demo answers with the address it was asked at").contains("http://attacker.example/oauth2/token");
        assertThat(forged.header("Cache-Control")).doesNotContain("public").contains("no-store");
        assertThat(forged.header("Vary")).containsIgnoringCase("Host");
    }
}
