package org.medgo.emrsandbox;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test controls of the sandbox: arm a fault, read counters, and act as the EMR's CDS client: its JWKS and a
 * signed CDS Hooks client JWT (RS384, {@code iss} = this sandbox, {@code aud} = the CDS service URL).
 */
@RestController
class SandboxControl {

    private final FaultSwitch faults;
    private final SmartAuthorization authorization;
    private final SystemScopeFilter scopes;
    private final RSAKey cdsClientKey;
    private final String origin;

    SandboxControl(FaultSwitch faults, SmartAuthorization authorization, SystemScopeFilter scopes, @Value("${server.port}") int port)
            throws Exception {
        this.faults = faults;
        this.authorization = authorization;
        this.scopes = scopes;
        this.cdsClientKey = new RSAKeyGenerator(2048).keyID("cds-" + UUID.randomUUID()).generate();
        this.origin = "http://127.0.0.1:" + port;
    }

    @PostMapping("/_sandbox/faults")
    Map<String, Object> arm(@RequestParam String method, @RequestParam String pathContains, @RequestParam int status,
            @RequestParam int times, @RequestParam(defaultValue = "false") boolean afterProcessing) {
        faults.arm(new FaultSwitch.Fault(method, pathContains, status, times, afterProcessing));
        return Map.of("armed", times);
    }

    @GetMapping("/_sandbox/stats")
    Map<String, Object> stats() {
        Map<String, Object> stats = new java.util.TreeMap<>(Map.of("tokensIssued", authorization.tokensIssued(), "faultsServed", faults.served()));
        scopes.requestsByClient().forEach((client, n) -> stats.put("requests." + client, n));
        return stats;
    }

    @GetMapping(value = "/_sandbox/cds-jwks", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> cdsClientKeys() {
        return new JWKSet(cdsClientKey.toPublicJWK()).toJSONObject();
    }

    @GetMapping(value = "/_sandbox/cds-jwt", produces = MediaType.TEXT_PLAIN_VALUE)
    String cdsClientJwt(@RequestParam String aud) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(origin).subject("sandbox-ehr").audience(aud)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).type(JOSEObjectType.JWT)
                .keyID(cdsClientKey.getKeyID()).jwkURL(java.net.URI.create(origin + "/_sandbox/cds-jwks")).build(), claims);
        jwt.sign(new RSASSASigner(cdsClientKey));
        return jwt.serialize();
    }
}
