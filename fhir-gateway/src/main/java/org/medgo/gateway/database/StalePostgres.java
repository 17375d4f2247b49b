package org.medgo.gateway.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL left running on our data directory by a gateway that was killed (SIGKILL, power loss of the
 * JVM only). Called while holding the {@link DataDirectoryLock}, so no live gateway owns that server: it is
 * shut down (SIGTERM, PostgreSQL's "smart" shutdown) before the embedded server starts again.
 */
final class StalePostgres {

    private static final Logger log = LoggerFactory.getLogger(StalePostgres.class);

    private StalePostgres() {}

    static void stopIfRunning(Path pgdata) {
        Optional<ProcessHandle> stale = postmaster(pgdata.resolve("postmaster.pid"));
        if (stale.isEmpty()) {
            return;
        }
        ProcessHandle postgres = stale.get();
        log.warn("A PostgreSQL (pid {}) from a previous gateway run still uses {}; stopping it", postgres.pid(), pgdata);
        postgres.destroy();
        try {
            postgres.onExit().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the stale PostgreSQL " + postgres.pid(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the stale PostgreSQL (pid " + postgres.pid() + ") on " + pgdata
                    + " did not stop; stop it and start again", e);
        }
    }

    private static Optional<ProcessHandle> postmaster(Path pidFile) {
        List<String> lines;
        try {
            lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
        } catch (IOException e) {
            return Optional.empty();
        }
        if (lines.isEmpty() || !lines.getFirst().strip().matches("\\d+")) {
            return Optional.empty();
        }
        // the pid may have been reused by an unrelated process since; only a postgres counts
        return ProcessHandle.of(Long.parseLong(lines.getFirst().strip()))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres") || c.equals("postgres")).orElse(false));
    }
}
