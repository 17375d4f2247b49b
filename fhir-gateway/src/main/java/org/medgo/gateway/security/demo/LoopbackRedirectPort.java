package org.medgo.gateway.security.demo;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.function.Consumer;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The review app's redirect is {@code http://127.0.0.1/review/callback.html}, and RFC 8252 lets a loopback
 * IP-literal redirect use any port, so Spring Authorization Server accepted a code for any local listener
 * (issue 15, lower list: a process on another local port got a clinician's code). The callback page lives on
 * this server, so a loopback redirect must name the port the browser is talking to this server on — the
 * authorization request's own port. Runs after the default redirect and scope checks.
 */
final class LoopbackRedirectPort implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    static Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> withDefaults() {
        return OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_REDIRECT_URI_VALIDATOR
                .andThen(OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR)
                .andThen(new LoopbackRedirectPort());
    }

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken authorization = context.getAuthentication();
        String redirect = authorization.getRedirectUri();
        if (redirect == null || !(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return;
        }
        URI uri = URI.create(redirect);
        if (!"127.0.0.1".equals(uri.getHost()) && !"[::1]".equals(uri.getHost())) {
            return;  // any other redirect was matched exactly, port included
        }
        HttpServletRequest request = attributes.getRequest();
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        if (port != request.getServerPort()) {
            // no authentication in the exception: the error is shown here, never sent to the doubtful redirect
            throw new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                    "OAuth 2.0 Parameter: redirect_uri (a loopback redirect must name this server's own port)", null), null);
        }
    }
}
