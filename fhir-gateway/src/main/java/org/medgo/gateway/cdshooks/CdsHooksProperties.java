package org.medgo.gateway.cdshooks;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * CDS Hooks: {@code clients} maps each trusted CDS client's JWT issuer ({@code iss}) to its JWKS URL
 * ({@code MEDGO_CDS_CLIENTS=iss1=jwks1,iss2=jwks2}); a call from any other issuer is refused. With no client
 * configured, the services answer 401 to everyone. {@code fhirServers}: FHIR servers whose
 * {@code fhirAuthorization} tokens the gateway uses (besides {@code MEDGO_EHR_BASE_URL}); a hook naming
 * another server is answered from prefetch only. {@code reviewLaunchUrl}: the SMART launch URL of the review app.
 */
@ConfigurationProperties("medgo.cds")
public record CdsHooksProperties(String clients, List<String> fhirServers, String reviewLaunchUrl) {

    public CdsHooksProperties {
        clients = clients == null ? "" : clients.strip();
        fhirServers = fhirServers == null ? List.of() : List.copyOf(fhirServers);
        trustedClients(clients); // refuse a malformed list at start
    }

    /** {@code issuer=jwks-url} pairs, separated by commas or white space. */
    public Map<String, URI> trustedClients() {
        return trustedClients(clients);
    }

    private static Map<String, URI> trustedClients(String list) {
        Map<String, URI> clients = new java.util.LinkedHashMap<>();
        for (String pair : list.split("[,\\s]+")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("MEDGO_CDS_CLIENTS: expected issuer=jwks-url, got '" + pair + "'");
            }
            URI jwks = URI.create(pair.substring(eq + 1));
            if (!"https".equals(jwks.getScheme()) && !"http".equals(jwks.getScheme())) {
                throw new IllegalArgumentException("MEDGO_CDS_CLIENTS: the JWKS of " + pair.substring(0, eq) + " is not an http(s) URL");
            }
            clients.put(pair.substring(0, eq), jwks);
        }
        return Map.copyOf(clients);
    }
}
