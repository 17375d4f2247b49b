package org.medgo.gateway.security.demo;

import jakarta.servlet.http.HttpServletRequest;
import org.medgo.gateway.fhir.PublicBaseUrl;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Stands in for the hospital EHR's "launch app" button (demo profile only): records which patient and
 * encounter are open and sends the browser to the review app's launch URL with {@code iss} and {@code launch},
 * exactly as an EHR does in a SMART EHR launch.
 */
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.SERVLET)
@RestController
@ConditionalOnExpression(DemoAuthorizationServer.ACTIVE)
class DemoEhrLaunchController {

    private static final String ID = "[A-Za-z0-9\\-.]{1,64}";

    private final LaunchContexts launches;
    private final PublicBaseUrl publicBaseUrl;

    DemoEhrLaunchController(LaunchContexts launches, PublicBaseUrl publicBaseUrl) {
        this.launches = launches;
        this.publicBaseUrl = publicBaseUrl;
    }

    @GetMapping("/demo-ehr/launch")
    ResponseEntity<Void> launch(@RequestParam String patient, @RequestParam(required = false) String encounter, HttpServletRequest request) {
        if (!patient.matches(ID) || (encounter != null && !encounter.matches(ID))) {
            return ResponseEntity.badRequest().build();
        }
        String base = publicBaseUrl.root(request);
        String launch = launches.create(patient, encounter);
        String target = UriComponentsBuilder.fromUriString(base + "/review/launch")
                .queryParam("iss", base + "/fhir").queryParam("launch", launch).build().encode().toUriString();
        return ResponseEntity.status(HttpStatus.FOUND).header("Location", target).build();
    }
}
