package org.medgo.audit.chain;

import org.medgo.audit.AuditException;
import org.medgo.audit.AuditRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One thread that takes whatever records are waiting (up to {@link #MAX_BATCH}) and appends them in one
 * transaction. A caller returns only after its batch committed, and gets the batch's failure otherwise.
 */
final class GroupCommitWriter implements AutoCloseable {
    static final int MAX_BATCH = 500;

    private record Pending(AuditRecord record, CompletableFuture<Long> done) {
    }

    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>(50_000);
    private final Function<List<AuditRecord>, long[]> appendBatch;
    private final Thread thread;
    private volatile boolean closed;

    GroupCommitWriter(Function<List<AuditRecord>, long[]> appendBatch) {
        this.appendBatch = appendBatch;
        this.thread = Thread.ofPlatform().daemon().name("audit-group-commit").start(this::run);
    }

    long submit(AuditRecord record) {
        if (closed) {
            throw new AuditException("audit trail is closed", null);
        }
        Pending p = new Pending(record, new CompletableFuture<>());
        try {
            if (!queue.offer(p, 10, TimeUnit.SECONDS)) {
                throw new AuditException("audit writer is overloaded", null);
            }
            return p.done.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditException("interrupted while waiting for the audit write", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof AuditException ae ? ae
                    : new AuditException("audit write failed: " + e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AuditException("audit write timed out", e);
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                List<AuditRecord> records = batch.stream().map(Pending::record).toList();
                try {
                    long[] seqs = appendBatch.apply(records);
                    for (int i = 0; i < batch.size(); i++) {
                        batch.get(i).done.complete(seqs[i]);
                    }
                } catch (RuntimeException e) {
                    batch.forEach(p -> p.done.completeExceptionally(e));
                }
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
