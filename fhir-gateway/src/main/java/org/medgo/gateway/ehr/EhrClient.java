package org.medgo.gateway.ehr;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * The EMR's FHIR API through HAPI's generic client, signed in with SMART Backend Services, each call
 * through {@link RetryingCalls} (retries, backoff, circuit breaker). Searches follow {@code next} links to
 * the end, {@code pageSize} ({@code _count}) per page, at most {@code limit} resources.
 */
public class EhrClient {

    /** What the EMR assigned to a written resource; {@code created} false = it already had it (If-None-Exist). */
    public record Written(String id, String version, boolean created) {}

    private final IGenericClient client;
    private final RetryingCalls calls;
    private final CircuitBreaker breaker;
    private final String base;
    private final int pageSize;

    EhrClient(FhirContext fhir, String base, AccessTokens token, RetryingCalls calls, CircuitBreaker breaker, int pageSize) {
        this.base = base;
        this.calls = calls;
        this.breaker = breaker;
        this.pageSize = pageSize;
        this.client = fhir.newRestfulGenericClient(base);
        this.client.registerInterceptor(new IClientInterceptor() {
            @Override
            public void interceptRequest(IHttpRequest request) {
                request.removeHeaders("Authorization");
                request.addHeader("Authorization", "Bearer " + token.accessToken());
            }

            @Override
            public void interceptResponse(IHttpResponse response) {
                // nothing: status handling is RetryingCalls'
            }
        });
    }

    public String base() {
        return base;
    }

    public <T extends Resource> T read(Class<T> type, String id) {
        return calls.call("read " + type.getSimpleName(), () -> client.read().resource(type).withId(id).execute());
    }

    /** {@code query} without {@code _count}, e.g. {@code encounter=Encounter/1}. */
    public List<Resource> searchAll(String type, String query, int limit) {
        List<Resource> found = new ArrayList<>();
        String url = type + "?" + query + "&_count=" + pageSize;
        Bundle page = calls.call("search " + type, () -> client.search().byUrl(url).returnBundle(Bundle.class).execute());
        while (true) {
            for (Bundle.BundleEntryComponent e : page.getEntry()) {
                boolean match = !e.hasSearch() || e.getSearch().getMode() != Bundle.SearchEntryMode.INCLUDE;
                if (match && e.getResource() != null && found.size() < limit) {
                    found.add(e.getResource());
                }
            }
            if (found.size() >= limit || page.getLink(Bundle.LINK_NEXT) == null) {
                return found;
            }
            Bundle current = page;
            page = calls.call("next page of " + type, () -> client.loadPage().next(current).execute());
        }
    }

    public Binary binary(String id) {
        return read(Binary.class, id);
    }

    /** Creates {@code resource} unless the EMR already has one matching {@code ifNoneExist} (e.g. {@code identifier=s|v}). */
    public Written createIfNoneExist(Resource resource, String ifNoneExist) {
        MethodOutcome outcome = calls.call("create " + resource.fhirType(),
                () -> client.create().resource(resource).conditionalByUrl(resource.fhirType() + "?" + ifNoneExist).execute());
        IIdType id = outcome.getId();
        if (id == null) {
            throw new EhrUnavailableException("the EMR created " + resource.fhirType() + " without telling its id", null);
        }
        return new Written(id.getIdPart(), id.getVersionIdPart(), !Boolean.FALSE.equals(outcome.getCreated()));
    }

    CircuitBreaker.State circuit() {
        return breaker.state();
    }

    static void configure(FhirContext fhir, EhrProperties p) {
        fhir.getRestfulClientFactory().setConnectTimeout((int) p.connectTimeout().toMillis());
        fhir.getRestfulClientFactory().setSocketTimeout((int) p.readTimeout().toMillis());
        // the gateway does not fetch the EMR's CapabilityStatement before every first call
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    }
}
