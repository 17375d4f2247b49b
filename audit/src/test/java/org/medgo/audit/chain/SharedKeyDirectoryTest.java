package org.medgo.audit.chain;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replicas that share one key directory and start at the same moment end up with one row-MAC key and one
 * checkpoint key pair. Before, each created its own and renamed it over the others' (the last rename won
 * on disk, the first ones kept signing and MAC-ing with keys nobody could verify).
 */
class SharedKeyDirectoryTest {
    static final int STARTS = 8;

    @TempDir
    Path keys;

    @RepeatedTest(3)
    void replicasStartingTogetherShareOneKeyOfEachKind() throws Exception {
        List<Future<String>> macs = new ArrayList<>();
        List<Future<String>> checkpointKeys = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        Path dir = keys.resolve("run-" + System.nanoTime());
        try (ExecutorService pool = Executors.newFixedThreadPool(2 * STARTS)) {
            for (int i = 0; i < STARTS; i++) {
                macs.add(pool.submit(() -> {
                    go.await();
                    return HexFormat.of().formatHex(RowMacKey.loadOrCreate(dir).mac(new byte[32]));
                }));
                checkpointKeys.add(pool.submit(() -> {
                    go.await();
                    return CheckpointKey.loadOrCreate(dir).keyId();
                }));
            }
            go.countDown();
            assertThat(values(macs)).as("row MAC keys in use").hasSize(1)
                    .containsExactly(HexFormat.of().formatHex(RowMacKey.loadOrCreate(dir).mac(new byte[32])));
            assertThat(values(checkpointKeys)).as("checkpoint keys in use").hasSize(1)
                    .containsExactly(CheckpointKey.loadOrCreate(dir).keyId());
        }
    }

    private static java.util.Set<String> values(List<Future<String>> futures) throws Exception {
        java.util.Set<String> values = new java.util.HashSet<>();
        for (Future<String> f : futures) {
            values.add(f.get());
        }
        return values;
    }
}
