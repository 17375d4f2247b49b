package org.medgo.gateway.security.demo;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The demo EHR's launch contexts: an opaque, random, short-lived {@code launch} value standing for the
 * patient (and encounter) open in the EHR, resolved once when the authorization server issues the token.
 */
public final class LaunchContexts {

    public record Context(String patient, String encounter, Instant expires) {}

    private static final Duration TTL = Duration.ofMinutes(10);
    static final int MAX = 10_000;

    private final Map<String, Context> launches = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public LaunchContexts(Clock clock) {
        this.clock = clock;
    }

    public String create(String patient, String encounter) {
        Instant now = clock.instant();
        launches.values().removeIf(c -> c.expires().isBefore(now));
        // full: the oldest launch gives way, so a flood of launches cannot lock the launch button for ten minutes
        // (issue 15, lower list: 10,001 unauthenticated launches did); a clinician clicks again, a flood only churns
        while (launches.size() >= MAX) {
            launches.entrySet().stream().min(Map.Entry.comparingByValue(java.util.Comparator.comparing(Context::expires)))
                    .ifPresent(oldest -> launches.remove(oldest.getKey()));
        }
        byte[] id = new byte[24];
        random.nextBytes(id);
        String launch = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        launches.put(launch, new Context(patient, encounter, now.plus(TTL)));
        return launch;
    }

    public Optional<Context> resolve(String launch) {
        if (launch == null) return Optional.empty();
        Context c = launches.get(launch);
        return c == null || c.expires().isBefore(clock.instant()) ? Optional.empty() : Optional.of(c);
    }
}
