package org.medgo.gateway.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.ResourceBinding;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.method.SearchMethodBinding;
import ca.uhn.fhir.rest.server.method.SearchParameter;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * HAPI silently drops a search's {@code _}-parameters that no search method declares: {@code Condition?_lastUpdated=…}
 * or {@code Composition?_id=x} answered every match, as if the client had not asked to narrow it. A client cannot tell
 * from such an answer that its filter was not applied, so these are refused (400 naming the parameters that work);
 * unknown parameters without {@code _} HAPI already refuses. Paging, sorting and output parameters that HAPI itself
 * handles pass.
 */
final class UnsupportedSearchParameters {

    /** Handled by HAPI or by every search ({@code _count}, {@code _offset}, {@code _sort}) rather than declared per type. */
    private static final Set<String> GENERAL = Set.of("_count", "_offset", "_sort", "_format", "_pretty", "_summary", "_elements",
            "_total", "_include", "_revinclude");

    private volatile Map<String, Set<String>> declared;

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void check(RequestDetails request, RestOperationTypeEnum operation) {
        if (operation != RestOperationTypeEnum.SEARCH_TYPE || !(request.getServer() instanceof RestfulServer server)) {
            return;
        }
        Set<String> allowed = declared(server).getOrDefault(request.getResourceName(), Set.of());
        Set<String> refused = new TreeSet<>();
        for (String parameter : request.getParameters().keySet()) {
            String name = parameter.contains(":") ? parameter.substring(0, parameter.indexOf(':')) : parameter;
            if (name.startsWith("_") && !GENERAL.contains(name) && !allowed.contains(name)) {
                refused.add(name);
            }
        }
        if (!refused.isEmpty()) {
            throw new InvalidRequestException("Unsupported search parameter(s) " + String.join(", ", refused) + " on "
                    + request.getResourceName() + "; this server's " + request.getResourceName() + " search supports "
                    + String.join(", ", new TreeSet<>(allowed)) + " and " + String.join(", ", new TreeSet<>(GENERAL))
                    + " (see the CapabilityStatement)");
        }
    }

    /** Per resource type, the parameter names its search methods declare (fixed once the server has started). */
    private Map<String, Set<String>> declared(RestfulServer server) {
        Map<String, Set<String>> names = declared;
        if (names == null) {
            names = new HashMap<>();
            for (ResourceBinding binding : server.getResourceBindings()) {
                Set<String> type = names.computeIfAbsent(binding.getResourceName(), t -> new TreeSet<>());
                binding.getMethodBindings().stream().filter(SearchMethodBinding.class::isInstance)
                        .flatMap(m -> m.getParameters().stream()).filter(SearchParameter.class::isInstance)
                        .forEach(p -> type.add(((SearchParameter) p).getName()));
            }
            declared = names;
        }
        return names;
    }
}
