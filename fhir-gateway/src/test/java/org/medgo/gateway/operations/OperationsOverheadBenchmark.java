package org.medgo.gateway.operations;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medgo.gateway.GatewayApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway's own cost per request under load: the whole app (embedded PostgreSQL, demo model) serves N clients,
 * each sending synchronous $summarize calls back to back (a closed loop: N calls are always in flight); for each 200
 * the server reports its total and the model's time ({@code Server-Timing}); overhead = total − model (validation,
 * de-identification, vault, prompt, leak scan, re-identification, mapping, storage, serialisation).
 * The engine's queue is sized so that all N are admitted (no 503s): the figure is the cost of a call, not of a refusal.
 * Clients start spread over a ramp-up time (0 = all at once: the first call of every client arrives in the same
 * instant, the worst case for the validator, which runs one call per core at a time).
 * Not a test: run it by hand (command in fhir-gateway/BENCHMARKS.md).
 * Args: [calls per client] [clients] [warm-up calls] [ramp-up ms] [tier latency ms: when given, the model is a
 * {@link FixedLatencyTier} through the remote-tier backend instead of the demo model on the same cores].
 */
public final class OperationsOverheadBenchmark {

    private static final Pattern METRIC = Pattern.compile("([a-z]+);dur=([0-9.]+)");

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        long rampUpMillis = args.length > 3 ? Long.parseLong(args[3]) : 0;
        FixedLatencyTier tier = args.length > 4 ? new FixedLatencyTier(Long.parseLong(args[4])) : null;
        List<String> settings = new ArrayList<>(List.of("--medgo.db.url=", "--server.port=0", "--medgo.security.enabled=false",
                "--logging.level.org.medgo=WARN", "--medgo.operations.queue-capacity=" + concurrency));
        if (tier != null) {
            settings.addAll(List.of("--medgo.inference.backend=openai", "--medgo.inference.remote.url=" + tier.url(),
                    "--medgo.inference.remote.model=medgo", "--medgo.inference.remote.model-sha256=" + "0".repeat(64),
                    "--medgo.inference.max-batch=" + concurrency));
        }
        Path data = Files.createTempDirectory("medgo-bench");
        settings.add("--medgo.data-dir=" + data);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(GatewayApplication.class).run(settings.toArray(String[]::new))) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            FhirHttp http = new FhirHttp(port);
            long tierLatency = args.length > 4 ? Long.parseLong(args[4]) : 0;
            if (tier != null) {
                tier.latency(20);
            }
            try (ExecutorService pool = Executors.newFixedThreadPool(8)) { // warm-up: validator, JIT, connection pool
                for (int i = 0; i < warmUp; i++) {
                    long seed = 100_000 + i;
                    pool.submit(() -> http.post("Encounter/$summarize", seed % 2 == 0 ? SyntheticRecords.english(seed, true).bundle()
                            : SyntheticRecords.chinese(seed, false).bundle(), Map.of()));
                }
            }
            if (tier != null) {
                tier.latency(tierLatency);
            }
            List<Double> overhead = Collections.synchronizedList(new ArrayList<>());
            List<Double> model = Collections.synchronizedList(new ArrayList<>());
            List<Double> clientMinusModel = Collections.synchronizedList(new ArrayList<>());
            Map<String, List<Double>> steps = new java.util.concurrent.ConcurrentSkipListMap<>();
            java.util.concurrent.atomic.AtomicInteger ok = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger busy = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger other = new java.util.concurrent.atomic.AtomicInteger();
            try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
                List<Future<?>> clients = new ArrayList<>();
                for (int c = 0; c < concurrency; c++) {
                    int client = c;
                    clients.add(pool.submit(() -> {
                        Thread.sleep(rampUpMillis * client / concurrency);
                        for (int round = 0; round < rounds; round++) {
                            long seed = round * 1000L + client;
                            var record = seed % 2 == 0 ? SyntheticRecords.english(seed, seed % 4 == 0) : SyntheticRecords.chinese(seed, seed % 3 == 0);
                            long start = System.nanoTime();
                            HttpResponse<String> r = http.post("Encounter/$summarize", record.bundle(), Map.of());
                            long took = System.nanoTime() - start;
                            if (r.statusCode() == 200) {
                                ok.incrementAndGet();
                                Map<String, Double> timing = timing(r.headers().firstValue("Server-Timing").orElse(""));
                                if (timing.containsKey("model") && timing.containsKey("total")) {
                                    double modelMs = timing.get("model");
                                    model.add(modelMs);
                                    overhead.add(timing.get("total") - modelMs);
                                    clientMinusModel.add(took / 1e6 - modelMs);
                                    timing.forEach((step, ms) -> steps.computeIfAbsent(step, s -> Collections.synchronizedList(new ArrayList<>())).add(ms));
                                }
                            } else if (r.statusCode() == 503) {
                                busy.incrementAndGet();
                            } else {
                                other.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : clients) {
                    f.get();
                }
            }
            System.out.printf(Locale.ROOT, "requests: %d clients (started over %d ms) x %d calls back to back; 200: %d, 503: %d, other: %d%n",
                    concurrency, rampUpMillis, rounds,
                    ok.get(), busy.get(), other.get());
            System.out.printf(Locale.ROOT, "gateway overhead (server total - model) ms: p50 %.1f  p99 %.1f%n", pct(overhead, 50), pct(overhead, 99));
            System.out.printf(Locale.ROOT, "client latency - model ms (adds HTTP + waiting for the engine): p50 %.1f  p99 %.1f%n",
                    pct(clientMinusModel, 50), pct(clientMinusModel, 99));
            System.out.printf(Locale.ROOT, "model time ms: p50 %.1f  p99 %.1f%n", pct(model, 50), pct(model, 99));
            steps.forEach((step, ms) -> System.out.printf(Locale.ROOT, "  step %-9s ms: p50 %7.1f  p99 %7.1f%n", step, pct(ms, 50), pct(ms, 99)));
            System.out.printf(Locale.ROOT, "load average (1/5/15 min) at the end: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        } finally {
            if (tier != null) {
                tier.close();
            }
        }
    }

    /** {@code parse;dur=1.2, …, total;dur=9.9} as step → milliseconds. */
    private static Map<String, Double> timing(String header) {
        Map<String, Double> timing = new java.util.HashMap<>();
        Matcher m = METRIC.matcher(header);
        while (m.find()) {
            timing.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return timing;
    }

    private static double pct(List<Double> values, int p) {
        if (values.isEmpty()) return Double.NaN;
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
