package org.medgo.gateway;

import sun.misc.Signal;

/**
 * SIGTERM (what Kubernetes, systemd and {@code kill} send) and SIGINT (Ctrl-C) as a request to stop. Once
 * handled, the JVM no longer starts its shutdown on them: the caller closes the application itself and the
 * process exits with its own status. {@code sun.misc.Signal} (module jdk.unsupported) is the JDK's only way
 * to do so; where it is missing, the JVM's default (shutdown hooks, exit 143) stays.
 */
final class StopSignals {

    private StopSignals() {}

    static void onStop(Runnable stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> stop.run());
            } catch (IllegalArgumentException unsupported) {
                // this platform does not know the signal (or the VM reserves it): keep the JVM's default
            }
        }
    }
}
