package org.medgo.gateway.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IServerAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The address clients use for this gateway, in every link it writes (fullUrls, Content-Location, paging links,
 * {@code $job-status}, SMART discovery, {@code implementation.url}): {@code MEDGO_PUBLIC_BASE_URL} when set,
 * else the request's own address, in which Tomcat has applied the {@code X-Forwarded-*} headers of a trusted
 * proxy ({@code server.forward-headers-strategy=native}: only from private and loopback addresses).
 * It is HAPI's address strategy, and puts the FHIR base on each request for the code that writes its own
 * responses ({@link #ATTRIBUTE}).
 */
@Component
@Interceptor
public class PublicBaseUrl implements IServerAddressStrategy {

    /** Request attribute holding the FHIR base ({@code https://host/fhir}) of the current request. */
    public static final String ATTRIBUTE = PublicBaseUrl.class.getName() + ".fhirBase";

    private final FhirProperties properties;

    PublicBaseUrl(FhirProperties properties) {
        this.properties = properties;
    }

    /** Whether the address is configured ({@code MEDGO_PUBLIC_BASE_URL}) rather than taken from each request. */
    public boolean configured() {
        return properties.publicBaseUrl() != null;
    }

    /** The gateway's root as clients see it, e.g. {@code https://medgo.hospital.org}. */
    public String root(HttpServletRequest request) {
        return properties.publicBaseUrl() != null ? properties.publicBaseUrl()
                : ServletUriComponentsBuilder.fromContextPath(request).toUriString();
    }

    @Override
    public String determineServerBase(ServletContext context, HttpServletRequest request) {
        return root(request) + "/fhir";
    }

    /**
     * The CapabilityStatement names the base it was asked at ({@code implementation.url}, SMART URLs); HAPI would
     * serve the first one it built to everyone for a minute, whichever address that was.
     */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void capabilitiesPerAddress(RequestDetails request, RestOperationTypeEnum operation) {
        if (operation == RestOperationTypeEnum.METADATA && request.getServer() instanceof RestfulServer server
                && server.getServerConformanceMethod() != null) {
            server.getServerConformanceMethod().setCacheMillis(0);
        }
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
    public boolean remember(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, determineServerBase(null, request));
        return true;
    }
}
