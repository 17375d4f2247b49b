package org.medgo.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Watches a PostgreSQL server process that is not our child (pg_ctl daemonises it). */
public final class PostgresProcess {

    private PostgresProcess() {}

    /** The embedded server running on MEDGO_DATA_DIR {@code dataDir}, as its pid file names it. */
    public static long pidOf(Path dataDir) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("pgdata/postmaster.pid")).getFirst().strip());
    }

    /**
     * True once the process is gone. pg_ctl stop returns when the server removed its pid file, a moment
     * before the process itself has exited and been reaped, so allow a short grace period.
     */
    public static boolean exitedWithin(long pid, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
