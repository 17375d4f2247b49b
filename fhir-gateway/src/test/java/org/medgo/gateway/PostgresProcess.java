package org.medgo.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Watches a PostgreSQL server process that is not our child (pg_ctl daemonises it). */
public final class PostgresProcess {

    private PostgresProcess() {}

    /** The embedded server running on MEDGO_DATA_DIR {@code dataDir}, as its pid file names it. */
    public static long pidOf(Path dataDir) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("pgdata/postmaster.pid")).getFirst().strip());
    }

    /** Stops the server on {@code dataDir} the way a crash or an operator's fast stop does (SIGINT: clients cut off). */
    public static void stopFast(Path dataDir) throws Exception {
        long pid = pidOf(dataDir);
        new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
        if (!exitedWithin(pid, Duration.ofSeconds(30))) {
            throw new AssertionError("postgres " + pid + " did not stop");
        }
    }

    /**
     * Starts the server on {@code dataDir} again with the command line it last ran with (PostgreSQL keeps it in
     * {@code postmaster.opts}) and returns once it accepts connections on the same port.
     */
    public static Process restart(Path dataDir) throws Exception {
        String opts = Files.readString(dataDir.resolve("pgdata/postmaster.opts")).strip();
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // PostgreSQL refuses to run as root; zonky starts it in a user namespace (unshare -U), so does this
            command.addAll(List.of("unshare", "-U"));
        }
        Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(opts);
        while (m.find()) {
            command.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        int port = Integer.parseInt(command.get(command.indexOf("-p") + 1));
        Process postgres = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("postgres-restart.log").toFile()).start();
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            try (Socket s = new Socket("localhost", port)) {
                return postgres;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("postgres did not come back on port " + port);
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
