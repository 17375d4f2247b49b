package org.medgo.gateway.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.medgo.gateway.JavaSubprocess;
import org.medgo.gateway.operations.FhirHttp;
import org.medgo.gateway.operations.SyntheticRecords;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 19, replicas on one database: three {@code medgo serve} processes on one external PostgreSQL (a
 * server this test starts, handed to them as MEDGO_DB_URL, sharing the audit key directory as replicas do).
 * 300 mixed requests (asynchronous and synchronous {@code $summarize}, reads, searches, audit searches, misses)
 * are spread over them; midway the process that signs audit checkpoints is killed with SIGKILL and started
 * again, and a client whose replica is down goes to the next one (as a load balancer would). Then: every job
 * is done and has exactly one Composition, every answered request has its audit event, {@code medgo audit
 * verify} finds one intact chain, and checkpoints were signed by one process at a time (the killed signer's
 * successor took over; no signer ever comes back after another).
 */
class ReplicasOnOneDatabaseTest {

    static final int REPLICAS = 3;
    static final int REQUESTS = 300;
    static final int KILL_AFTER = 150;
    static final int CLIENTS = 9;
    /** Three JVMs starting together on two busy cores took over 3 minutes. */
    static final Duration START_LIMIT = Duration.ofMinutes(8);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failure leaves the gateways' output to read
    Path work;

    /** One gateway process: its port and data directory stay, the process changes when it is restarted. */
    private final class Replica {
        final int index;
        final int port;
        final Path dataDir;
        volatile Process process;
        int starts;

        Replica(int index) throws IOException {
            this.index = index;
            this.port = freePort();
            this.dataDir = work.resolve("replica-" + index);
        }

        void start(Map<String, String> environment) throws Exception {
            Map<String, String> env = new HashMap<>(environment);
            env.put("SERVER_PORT", Integer.toString(port));
            starts++;
            process = JavaSubprocess.serve(dataDir, env, work.resolve("out-" + index + "-" + starts + ".txt"),
                    work.resolve("err-" + index + "-" + starts + ".txt"), START_LIMIT);
        }

        FhirHttp http() {
            return new FhirHttp(port);
        }
    }

    /** A request as the load balancer sees it: the id it was sent under and what to send. */
    private record Call(String requestId, String kind, Request send) {}

    private interface Request {
        HttpResponse<String> to(FhirHttp http, String requestId) throws Exception;
    }

    @Test
    void threeGatewaysOnOneDatabaseSurviveAKilledSigner() throws Exception {
        long began = System.nanoTime();
        try (EmbeddedPostgres hospital = EmbeddedPostgres.builder().start()) {
            try (Connection dba = hospital.getPostgresDatabase().getConnection(); Statement sql = dba.createStatement()) {
                sql.execute("CREATE ROLE medgo_owner LOGIN PASSWORD 'owner-pw'");
                sql.execute("CREATE DATABASE medgo OWNER medgo_owner");
                sql.execute("CREATE ROLE medgo_app NOLOGIN");
                sql.execute("CREATE ROLE emr_gateway LOGIN PASSWORD 'app-pw' IN ROLE medgo_app");
            }
            Path keys = work.resolve("shared-audit-keys");
            Map<String, String> environment = Map.ofEntries(
                    Map.entry("MEDGO_DB_URL", "jdbc:postgresql://localhost:" + hospital.getPort() + "/medgo"),
                    Map.entry("MEDGO_DB_USER", "emr_gateway"), Map.entry("MEDGO_DB_PASSWORD", "app-pw"),
                    Map.entry("MEDGO_DB_MIGRATION_USER", "medgo_owner"), Map.entry("MEDGO_DB_MIGRATION_PASSWORD", "owner-pw"),
                    Map.entry("MEDGO_SECURITY_ENABLED", "false"),
                    // replicas share the audit keys and the checkpoint log (a shared volume in a cluster), and the
                    // de-identification secret and vault key (one Secret): a draft made on one is re-identified on another
                    Map.entry("MEDGO_AUDIT_KEY_DIR", keys.toString()),
                    Map.entry("MEDGO_DEID_SECRET", sharedSecret(48)), Map.entry("MEDGO_VAULT_KEY", sharedSecret(32)),
                    Map.entry("MEDGO_AUDIT_CHECKPOINT_INTERVAL", "2s"),
                    Map.entry("MEDGO_AUDIT_CHECKPOINT_EVERY", "25"),
                    Map.entry("MEDGO_OPERATIONS_JOB_WORKERS", "1"),
                    Map.entry("MEDGO_OPERATIONS_JOB_LEASE", "5s"),
                    Map.entry("MEDGO_OPERATIONS_MAX_NEW_TOKENS", "48"),
                    Map.entry("MEDGO_SHUTDOWN_TIMEOUT", "60s"));

            List<Replica> replicas = new ArrayList<>();
            for (int i = 0; i < REPLICAS; i++) {
                replicas.add(new Replica(i));
            }
            try {
                startAll(replicas, environment); // at once: migrations, key files and the signer lock race here
                long started = System.nanoTime();
                DataSource database = hospital.getDatabase("postgres", "medgo");
                JdbcClient db = JdbcClient.create(database);

                List<Call> calls = mixedCalls();
                Map<String, HttpResponse<String>> answers = new ConcurrentHashMap<>();
                List<String> asyncStatus = new CopyOnWriteArrayList<>();
                AtomicInteger failovers = new AtomicInteger();

                send(calls.subList(0, KILL_AFTER), replicas, answers, asyncStatus, failovers);
                String killedSigner = currentSigner(db);
                Replica signer = replicaOf(killedSigner, replicas);
                signer.process.destroyForcibly(); // SIGKILL: no shutdown, no checkpoint, no lock released by us
                assertThat(signer.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                long killedAt = System.nanoTime();
                try (ExecutorService restart = Executors.newSingleThreadExecutor()) {
                    Future<?> restarted = restart.submit(() -> {
                        signer.start(environment);
                        return null;
                    });
                    send(calls.subList(KILL_AFTER, KILL_AFTER + (REQUESTS - KILL_AFTER) / 2), replicas, answers, asyncStatus, failovers);
                    restarted.get(10, TimeUnit.MINUTES);
                }
                send(calls.subList(KILL_AFTER + (REQUESTS - KILL_AFTER) / 2, REQUESTS), replicas, answers, asyncStatus, failovers);

                // every job ends, wherever it was submitted, claimed or resumed
                for (String status : asyncStatus) {
                    HttpResponse<String> done = awaitJob(replicas, status, Duration.ofMinutes(4));
                    assertThat(done.statusCode()).as(status + ": " + done.body()).isEqualTo(200);
                }
                long requestsDone = System.nanoTime();

                for (Replica r : replicas) {
                    r.process.destroy(); // SIGTERM: drain, flush the trail, last checkpoint, release the signer lock
                }
                for (Replica r : replicas) {
                    assertThat(r.process.waitFor(2, TimeUnit.MINUTES)).as("replica " + r.index + " stopped").isTrue();
                    assertThat(r.process.exitValue()).as("replica " + r.index + " exit").isZero();
                }

                assertThat(answers).as("every request answered").hasSize(REQUESTS);
                Map<Integer, Integer> statuses = new java.util.TreeMap<>();
                answers.values().forEach(a -> statuses.merge(a.statusCode(), 1, Integer::sum));
                assertThat(statuses.keySet()).as("statuses " + statuses).containsOnly(200, 202, 404);

                // jobs: each once, one Composition per request id
                long jobs = db.sql("SELECT count(*) FROM operations_job").query(Long.class).single();
                long completed = db.sql("SELECT count(*) FROM operations_job WHERE status = 'completed'").query(Long.class).single();
                long resumed = db.sql("SELECT count(*) FROM operations_job WHERE attempts > 1").query(Long.class).single();
                assertThat(jobs).isEqualTo(calls.stream().filter(c -> c.kind().equals("async-summarize")).count());
                assertThat(completed).as("every job completed").isEqualTo(jobs);
                assertThat(db.sql("""
                        SELECT count(*) FROM operations_job j WHERE (SELECT count(*) FROM operations_composition c
                            WHERE c.client_key = j.client_key AND c.request_id = j.request_id) <> 1""").query(Long.class).single())
                        .as("jobs without exactly one Composition").isZero();
                long summaries = calls.stream().filter(c -> c.kind().endsWith("summarize")).count();
                assertThat(db.sql("SELECT count(*) FROM operations_composition").query(Long.class).single())
                        .as("one Composition per $summarize request id").isEqualTo(summaries);

                // audit: every answered request has its event (HAPI echoes X-Request-Id), one verifiable chain
                Set<String> audited = new java.util.HashSet<>(db.sql("SELECT DISTINCT request_id FROM audit_event WHERE event_type = 'rest'")
                        .query(String.class).list());
                List<String> missing = answers.keySet().stream().filter(id -> !audited.contains(id)).toList();
                assertThat(missing).as("answered requests without an audit event").isEmpty();

                // one signer at a time: in checkpoint order each signer forms one block, the killed one handed over
                // (read before audit verify, whose own short-lived context may sign a last checkpoint at its close)
                List<String> signers = db.sql("SELECT signer FROM audit_checkpoint WHERE signer IS NOT NULL ORDER BY id")
                        .query(String.class).list();
                Set<String> distinct = new LinkedHashSet<>(signers);
                assertThat(blocks(signers)).as("signers in checkpoint order: " + distinct).isEqualTo(distinct.size());
                assertThat(distinct.size()).as("a new signer after the kill").isGreaterThanOrEqualTo(2);
                assertThat(signers.getFirst()).as("the first signer is the one killed").isEqualTo(killedSigner);

                Path verifyOut = work.resolve("verify.txt");
                Map<String, String> verifyEnv = new HashMap<>(environment);
                verifyEnv.put("MEDGO_DATA_DIR", work.resolve("verifier").toString());
                Process verify = JavaSubprocess.medgo(verifyEnv, verifyOut, work.resolve("verify-err.txt"), "audit", "verify");
                assertThat(verify.waitFor(3, TimeUnit.MINUTES)).isTrue();
                String verified = Files.readString(verifyOut);
                assertThat(verify.exitValue()).as(verified).isZero();
                assertThat(verified).contains("audit trail intact").containsPattern("and [1-9]\\d* in the checkpoint log verified");

                long events = db.sql("SELECT count(*) FROM audit_event").query(Long.class).single();
                System.out.printf("%d replicas, %d requests (%s), %d async jobs (%d resumed after the kill), %d failovers; "
                                + "%d audit events in one chain, %d checkpoints by %d signers one at a time; start %d s, "
                                + "requests and jobs %d s (kill at %d s), whole test %d s%n",
                        REPLICAS, REQUESTS, statuses, jobs, resumed, failovers.get(), events, signers.size(), distinct.size(),
                        (started - began) / 1_000_000_000, (requestsDone - started) / 1_000_000_000,
                        (killedAt - started) / 1_000_000_000, (System.nanoTime() - began) / 1_000_000_000);
            } finally {
                for (Replica r : replicas) {
                    if (r.process != null) {
                        r.process.destroyForcibly();
                    }
                }
            }
        }
    }

    private void startAll(List<Replica> replicas, Map<String, String> environment) throws Exception {
        try (ExecutorService starts = Executors.newFixedThreadPool(replicas.size())) {
            List<Future<?>> started = new ArrayList<>();
            for (Replica r : replicas) {
                started.add(starts.submit(() -> {
                    r.start(environment);
                    return null;
                }));
            }
            for (Future<?> f : started) {
                f.get(10, TimeUnit.MINUTES);
            }
        }
    }

    /**
     * 300 calls: every 10th an asynchronous {@code $summarize} (30 jobs), every 20th (offset 5) a synchronous
     * one (15), the rest reads of the capability statement, Composition searches, AuditEvent searches and
     * reads of ids that do not exist.
     */
    private static List<Call> mixedCalls() {
        List<Call> calls = new ArrayList<>();
        String run = Long.toString(System.nanoTime(), 36);
        for (int i = 0; i < REQUESTS; i++) {
            String id = "rep-" + run + "-" + i;
            SyntheticRecords.Record record = SyntheticRecords.english(7000 + i, i % 4 == 0);
            if (i % 10 == 0) {
                calls.add(new Call(id, "async-summarize", (http, rid) -> http.post("Encounter/$summarize", record.bundle(),
                        Map.of("Prefer", "respond-async", "X-Request-Id", rid))));
            } else if (i % 20 == 5) {
                calls.add(new Call(id, "sync-summarize", (http, rid) -> http.post("Encounter/$summarize", record.bundle(),
                        Map.of("X-Request-Id", rid))));
            } else {
                switch (i % 4) {
                    case 0 -> calls.add(new Call(id, "metadata", (http, rid) -> http.get("metadata", Map.of("X-Request-Id", rid))));
                    case 1 -> calls.add(new Call(id, "composition-search", (http, rid) ->
                            http.get("Composition?encounter=Encounter/" + record.encounterId(), Map.of("X-Request-Id", rid))));
                    case 2 -> calls.add(new Call(id, "audit-search", (http, rid) ->
                            http.get("AuditEvent?type=rest&_count=5", Map.of("X-Request-Id", rid))));
                    default -> calls.add(new Call(id, "miss", (http, rid) ->
                            http.get("Composition/" + java.util.UUID.randomUUID(), Map.of("X-Request-Id", rid))));
                }
            }
        }
        return calls;
    }

    /**
     * Sends the calls from {@value #CLIENTS} clients, call i to replica i mod 3; a replica that does not answer
     * (killed, or not started again yet) passes the call to the next one under the same request id.
     */
    private static void send(List<Call> calls, List<Replica> replicas, Map<String, HttpResponse<String>> answers,
            List<String> asyncStatus, AtomicInteger failovers) throws Exception {
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                done.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < calls.size(); i = next.getAndIncrement()) {
                        Call call = calls.get(i);
                        HttpResponse<String> answer = sendWithFailover(call, replicas, i, failovers);
                        answers.put(call.requestId(), answer);
                        if (answer.statusCode() == 202) {
                            asyncStatus.add(answer.headers().firstValue("Content-Location").orElseThrow().replaceAll("^.*/fhir/", ""));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(10, TimeUnit.MINUTES);
            }
        }
    }

    private static HttpResponse<String> sendWithFailover(Call call, List<Replica> replicas, int i, AtomicInteger failovers)
            throws Exception {
        IOException last = null;
        for (int attempt = 0; attempt < 3 * replicas.size(); attempt++) {
            Replica r = replicas.get((i + attempt) % replicas.size());
            try {
                HttpResponse<String> answer = call.send().to(r.http(), call.requestId());
                if (answer.statusCode() == 503) {
                    Thread.sleep(500); // busy (or its database connection is away): the next replica
                    failovers.incrementAndGet();
                    continue;
                }
                return answer;
            } catch (IOException down) {
                last = down;
                failovers.incrementAndGet();
                Thread.sleep(100);
            }
        }
        throw new AssertionError(call.kind() + " " + call.requestId() + ": no replica answered", last);
    }

    private static HttpResponse<String> awaitJob(List<Replica> replicas, String statusPath, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        int i = 0;
        while (System.nanoTime() - deadline < 0) {
            try {
                HttpResponse<String> r = replicas.get(i++ % replicas.size()).http().get(statusPath);
                if (r.statusCode() != 202) {
                    return r;
                }
            } catch (IOException down) {
                // that replica is away: ask another
            }
            Thread.sleep(250);
        }
        throw new AssertionError("job " + statusPath + " did not end within " + limit);
    }

    /** The process that signed the newest checkpoint (signer = host:pid:random), once there is one. */
    private static String currentSigner(JdbcClient db) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() - deadline < 0) {
            var signer = db.sql("SELECT signer FROM audit_checkpoint WHERE signer IS NOT NULL ORDER BY id DESC LIMIT 1")
                    .query(String.class).optional();
            if (signer.isPresent()) {
                return signer.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no checkpoint was signed within 30 s");
    }

    private static Replica replicaOf(String signer, List<Replica> replicas) {
        long pid = signerPid(signer);
        return replicas.stream().filter(r -> r.process.pid() == pid).findFirst()
                .orElseThrow(() -> new AssertionError("signer " + signer + " is none of the replicas"));
    }

    private static long signerPid(String signer) {
        String[] parts = signer.split(":");
        return Long.parseLong(parts[parts.length - 2]);
    }

    /** How many blocks of one signer the list has: 2 for a,a,b,b; 3 for a,b,a. */
    private static int blocks(List<String> signers) {
        int blocks = 0;
        String last = null;
        for (String s : signers) {
            if (!s.equals(last)) {
                blocks++;
                last = s;
            }
        }
        return blocks;
    }

    private static String sharedSecret(int bytes) {
        byte[] secret = new byte[bytes];
        new java.security.SecureRandom().nextBytes(secret);
        return java.util.Base64.getEncoder().encodeToString(secret);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
