package org.medgo.audit.chain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medgo.audit.testing.AuditDatabase;
import org.medgo.audit.testing.Records;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateway processes on one database, as their audit objects see it: each has its own trail (its own
 * group-commit writer and connections), its own leadership and checkpointer, and both share the key
 * directory and the checkpoint log. Both write and try to sign all the time; the signer's database session
 * is then killed (what {@code kill -9} of its process does to it). The chain stays one line, only one
 * process signs at a time, and the other takes over.
 */
class CheckpointLeadershipTest {
    @TempDir
    Path keys;

    private record Process(AuditTrail trail, CheckpointLeadership leadership, Checkpointer checkpointer) {}

    private Process process(AuditDatabase db, String name) {
        CheckpointLeadership leadership = new CheckpointLeadership(db.app, name);
        return new Process(new AuditTrail(db.app, RowMacKey.loadOrCreate(keys)), leadership,
                new Checkpointer(db.app, CheckpointKey.loadOrCreate(keys), CheckpointLog.in(keys), CheckpointWitness.NONE,
                        e -> { }, leadership));
    }

    @Test
    void twoProcessesWriteOneChainAndSignOneAtATime() throws Exception {
        AuditDatabase db = AuditDatabase.fresh();
        Process a = process(db, "process-a");
        Process b = process(db, "process-b");
        assertThat(a.leadership().holds()).isTrue();
        assertThat(b.leadership().holds()).as("the lock is taken").isFalse();

        AtomicBoolean aAlive = new AtomicBoolean(true);
        AtomicBoolean bAlive = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        List<Future<?>> work = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Process p : List.of(a, b)) {
                AtomicBoolean alive = p == a ? aAlive : bAlive;
                for (int t = 0; t < 3; t++) {
                    int thread = t;
                    work.add(pool.submit(() -> {
                        for (int i = 0; i < 300 && alive.get(); i++) {
                            p.trail().record(Records.read("Patient/" + p.leadership().signer() + "-" + thread, i));
                            written.incrementAndGet();
                        }
                        return null;
                    }));
                }
                work.add(pool.submit(() -> {
                    while (alive.get()) {
                        p.checkpointer().checkpoint();
                        Thread.sleep(20);
                    }
                    return null;
                }));
            }
            while (written.get() < 600) {
                Thread.sleep(20);
            }
            // process a dies: its threads stop, and PostgreSQL ends its session (and the lock it held)
            aAlive.set(false);
            assertThat(terminateSignerSession(db)).as("the signer's session was found and ended").isEqualTo(1);
            for (Future<?> f : work.subList(0, 7)) {
                f.get(); // a's writers and checkpointer, b's writers
            }
            Thread.sleep(500); // b's checkpoint rounds after the last write
            bAlive.set(false);
            work.get(7).get();
        }
        b.checkpointer().checkpoint();
        a.trail().close();
        b.trail().close();

        VerificationResult r = new ChainVerifier(db.app, CheckpointKey.loadOrCreate(keys).publicKey(),
                RowMacKey.loadOrCreate(keys), CheckpointLog.in(keys)).verify();
        assertThat(r.intact()).as(r.problem()).isTrue();
        assertThat(r.events()).as("every committed event is in the chain").isEqualTo(written.get());

        List<String> signers = signersInOrder(db);
        assertThat(signers).as("the signer before the kill, then the other one").startsWith("process-a").endsWith("process-b");
        assertThat(runs(signers)).as("signers in the order of their checkpoints: " + signers).isEqualTo(2);
        System.out.printf("2 processes, %d events: one chain; %d checkpoints signed by %s, hand-over after the kill%n",
                written.get(), signers.size(), new java.util.LinkedHashSet<>(signers));
    }

    /** Ends the session holding the signer lock, as the death of its process would. */
    private static int terminateSignerSession(AuditDatabase db) throws Exception {
        try (Connection c = db.owner.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' "
                     + "AND objid::bigint = " + (CheckpointLeadership.SIGNER_LOCK & 0xFFFFFFFFL) + " AND granted")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<String> signersInOrder(AuditDatabase db) throws Exception {
        List<String> signers = new ArrayList<>();
        try (Connection c = db.app.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT signer FROM audit_checkpoint ORDER BY id")) {
            while (rs.next()) {
                signers.add(rs.getString(1));
            }
        }
        return signers;
    }

    /** How many blocks of one signer the list has: 2 for a,a,b,b; 3 for a,b,a. */
    static int runs(List<String> signers) {
        int runs = 0;
        String last = null;
        for (String s : signers) {
            if (!s.equals(last)) {
                runs++;
                last = s;
            }
        }
        return runs;
    }
}
