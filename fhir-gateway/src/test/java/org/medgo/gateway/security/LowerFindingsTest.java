package org.medgo.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medgo.gateway.security.TestIssuer.INSTANCE;
import static org.medgo.gateway.security.TestIssuer.bearer;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medgo.gateway.operations.FhirHttp;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The lower list of issue 15 against the production profile with signed tokens: malformed search
 * parameters are the client's fault (400, not 500), a 403 is one log line without a stack trace, the review
 * pages may not be framed and run only their own scripts, discovery never names a forged Host, a flood of
 * unauthenticated requests does not write an audit row each.
 */
@SecuredGatewayTest
@ExtendWith(OutputCaptureExtension.class)
class LowerFindingsTest {

    /** Inline script: a script element without a src attribute. CSP script-src 'self' would block it. */
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    javax.sql.DataSource dataSource;

    @ParameterizedTest
    @ValueSource(strings = {"Composition?date=yesterday", "Composition?date=2024-13-45", "Composition?_count=ten",
            "Composition?_count=99999999999", "Composition?_offset=x", "AuditEvent?date=ge-not-a-date", "AuditEvent?_count=1.5",
            "Condition?_count=%00", "Provenance?date=2024-02-30T25:00"})
    void malformedSearchParametersAre400(String search) throws Exception {
        HttpResponse<String> r = new FhirHttp(port).get("/fhir/" + search, bearer(INSTANCE.token("system/*.cruds")));

        assertThat(r.statusCode()).as(search + ": " + r.body()).isEqualTo(400);
        assertThat(r.body()).contains("OperationOutcome").doesNotContain("Exception").doesNotContain("incident");
    }

    @Test
    void aForbiddenRequestIsOneLogLineWithoutAStackTrace(CapturedOutput output) throws Exception {
        HttpResponse<String> r = new FhirHttp(port).get("/fhir/Composition?status=preliminary", bearer(INSTANCE.token("system/Encounter.r")));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(output.getAll()).doesNotContain("\tat org.medgo.gateway.security.SmartScopeInterceptor")
                .doesNotContain("Exception thrown by interceptor");
    }

    @Test
    void reviewPagesMayNotBeFramedAndRunOnlyTheirOwnScripts() throws Exception {
        FhirHttp http = new FhirHttp(port);
        for (String page : List.of("/review/", "/review/index.html", "/review/launch.html", "/review/callback.html", "/review/review.js")) {
            HttpResponse<String> r = http.get(page, Map.of());
            assertThat(r.statusCode()).as(page).isEqualTo(200);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).as(page).contains("frame-ancestors 'none'").contains("script-src 'self'").contains("object-src 'none'")
                    .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(r.headers().firstValue("X-Frame-Options")).as(page).hasValue("DENY");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(page).hasValue("nosniff");
            // the pages themselves must live with that policy: no inline script left to be blocked
            assertThat(INLINE_SCRIPT.matcher(r.body()).find()).as(page + " has an inline script").isFalse();
        }
    }

    @Test
    void aFloodOfUnauthenticatedRequestsDoesNotWriteAnAuditRowEach() throws Exception {
        FhirHttp http = new FhirHttp(port);
        long before = notAudited401s();
        for (int i = 0; i < 300; i++) {
            assertThat(http.get("/fhir/Composition?status=preliminary", Map.of()).statusCode()).isEqualTo(401);
        }

        // 60 a minute per source are audited one by one (two minutes at most while the flood runs)
        assertThat(notAudited401s() - before).isBetween(1L, 120L);
    }

    private long notAudited401s() {
        return org.springframework.jdbc.core.simple.JdbcClient.create(dataSource)
                .sql("SELECT count(*) FROM audit_event WHERE outcome_detail = 'HTTP 401 no token'").query(Long.class).single();
    }

    @Test
    void discoveryNeverNamesAForgedHost() throws Exception {
        RawHttp.Response r = RawHttp.get(port, "/fhir/.well-known/smart-configuration", "attacker.example");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("attacker.example").contains(TestIssuer.ISSUER);
    }
}
