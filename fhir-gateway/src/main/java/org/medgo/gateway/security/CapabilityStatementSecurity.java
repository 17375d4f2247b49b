package org.medgo.gateway.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;

/** The SMART {@code oauth-uris} extension and the SMART-on-FHIR service code in {@code rest.security}. */
@Interceptor
public class CapabilityStatementSecurity {

    static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

    private final SecurityProperties props;

    CapabilityStatementSecurity(SecurityProperties props) {
        this.props = props;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void addSecurity(IBaseConformance statement, RequestDetails request) {
        if (!(statement instanceof CapabilityStatement cs) || !props.enabled()) {
            return;
        }
        String base = request.getFhirServerBase().replaceFirst("/fhir/?$", "");
        Map<String, Object> smart = SmartConfigurationFilter.document(props, base);
        CapabilityStatement.CapabilityStatementRestSecurityComponent security = cs.getRestFirstRep().getSecurity();
        security.setCors(!props.corsOrigins().isEmpty());
        security.addService(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", "SMART-on-FHIR")));
        Extension uris = security.addExtension().setUrl(OAUTH_URIS);
        // only the sub-extensions SMART's oauth-uris defines (authorize, token, register, manage); introspection is in discovery
        for (String name : new String[] {"authorize", "token"}) {
            Object value = smart.get(name.equals("authorize") ? "authorization_endpoint" : "token_endpoint");
            if (value != null) {
                uris.addExtension(name, new UriType(value.toString()));
            }
        }
        security.setDescription("OAuth2 bearer tokens (SMART App Launch 2.2); see " + base + SmartConfigurationFilter.PATH);
    }
}
