package org.medgo.audit.bench;

import org.medgo.audit.chain.AuditTrail;
import org.medgo.audit.chain.ChainVerifier;
import org.medgo.audit.chain.CheckpointKey;
import org.medgo.audit.testing.AuditDatabase;
import org.medgo.audit.testing.Records;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Insert throughput of the hash-chained trail on embedded PostgreSQL, by number of concurrent writers
 * (request threads). Not a test: run it and read the figures.
 *
 * <pre>./mvnw -B -q -pl audit -am test-compile exec:java -Dexec.mainClass=org.medgo.audit.bench.AuditThroughputBenchmark -Dexec.classpathScope=test</pre>
 */
public final class AuditThroughputBenchmark {
    public static void main(String[] args) throws Exception {
        int perRun = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        for (int threads : new int[] {1, 8, 32, 64}) {
            AuditDatabase db = AuditDatabase.fresh();
            try (AuditTrail trail = new AuditTrail(db.app)) {
                run(trail, threads, Math.min(perRun, 2_000)); // warm-up: JIT, connections, partitions
                long t0 = System.nanoTime();
                run(trail, threads, perRun);
                double secs = (System.nanoTime() - t0) / 1e9;
                var verify = new ChainVerifier(db.app,
                        CheckpointKey.loadOrCreate(Files.createTempDirectory("bench-key")).publicKey()).verify();
                System.out.printf("writers=%d events=%d seconds=%.2f events/s=%.0f chain intact=%s (%d rows)%n",
                        threads, perRun, secs, perRun / secs, verify.intact(), verify.events());
            }
        }
        System.exit(0);
    }

    private static void run(AuditTrail trail, int threads, int events) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        int each = events / threads;
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                    trail.record(Records.read("Patient/b" + thread, i));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }
}
