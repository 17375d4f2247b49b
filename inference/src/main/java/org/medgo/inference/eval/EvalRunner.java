package org.medgo.inference.eval;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks every item ({@code concurrency} at a time, so the engine batches them) and scores the answers, drawing
 * a progress bar with ETA on {@code progress} as items finish. The first {@code shots} items are the few-shot
 * examples and are not scored.
 */
public final class EvalRunner {

    private final Answerer answerer;
    private final int concurrency;
    private final PrintStream progress;
    private final boolean terminal;

    public EvalRunner(Answerer answerer, int concurrency, PrintStream progress, boolean terminal) {
        this.answerer = answerer;
        this.concurrency = concurrency;
        this.progress = progress;
        this.terminal = terminal;
    }

    public EvalReport run(String task, List<EvalItem> all, int shots, int limit) throws InterruptedException {
        if (shots >= all.size()) {
            throw new IllegalArgumentException("--shots " + shots + " leaves no item to score in " + all.size());
        }
        List<EvalItem> examples = all.subList(0, shots);
        List<EvalItem> items = all.subList(shots, limit > 0 ? Math.min(all.size(), shots + limit) : all.size());
        long start = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        List<Future<EvalReport.Scored>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, concurrency))) {
            for (EvalItem item : items) {
                futures.add(pool.submit(() -> {
                    String text = answerer.answer(EvalPrompts.messages(item, examples), item.labels());
                    EvalReport.Scored s = new EvalReport.Scored(item, AnswerExtractor.extract(text, item.labels()));
                    draw(done.incrementAndGet(), items.size(), start);
                    return s;
                }));
            }
            List<EvalReport.Scored> scored = new ArrayList<>();
            for (Future<EvalReport.Scored> f : futures) {
                try {
                    scored.add(f.get());
                } catch (ExecutionException e) {
                    pool.shutdownNow();
                    throw new IllegalStateException("answering failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
            if (terminal) {
                progress.println();
            }
            return new EvalReport(task, answerer.describe(), answerer.extraction(), scored, (System.nanoTime() - start) / 1e9);
        }
    }

    private synchronized void draw(int done, int total, long start) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        long eta = Math.round(elapsed / done * (total - done));
        int width = 30;
        int filled = (int) ((long) width * done / total);
        String line = String.format(Locale.ROOT, "[%s%s] %d/%d %3d%% ETA %d:%02d", "#".repeat(filled), ".".repeat(width - filled),
                done, total, 100 * done / total, eta / 60, eta % 60);
        if (terminal) {
            progress.print("\r" + line);
        } else if (done == total || done % Math.max(1, total / 10) == 0) {
            progress.println(line);
        }
        progress.flush();
    }
}
