package org.medgo.gateway.security;

import java.time.Duration;
import java.time.Instant;

/**
 * The longest an access token may still be valid when it arrives. A token expiring in the year 3000 is a
 * credential that never ends (issue 15, lower list); issuers hand out minutes to hours.
 */
final class TokenLifetime {

    static final Duration MAX = Duration.ofHours(24);

    private TokenLifetime() {}

    static boolean acceptable(Instant expires, Instant now) {
        return !expires.isAfter(now.plus(MAX));
    }
}
