package org.medgo.audit.chain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medgo.audit.testing.AuditDatabase;
import org.medgo.audit.testing.Records;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Concurrent writers still form a single unbroken chain. */
class ConcurrentChainTest {
    @TempDir
    Path keys;

    @Test
    void eightThreadsTimesAThousandInsertsGiveOneChain() throws Exception {
        AuditDatabase db = AuditDatabase.fresh();
        AuditTrail trail = new AuditTrail(db.app);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 1_000; i++) {
                    trail.record(Records.read("Patient/t" + thread, i));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        CheckpointKey key = CheckpointKey.loadOrCreate(keys);
        new Checkpointer(db.app, key).checkpoint();
        VerificationResult r = new ChainVerifier(db.app, key.publicKey()).verify();
        assertThat(r.intact()).as(r.problem()).isTrue();
        assertThat(r.events()).isEqualTo(8_000);
    }
}
