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
 * The gateway's own cost per request under load: the whole app (embedded PostgreSQL, demo model) serves
 * rounds of N concurrent synchronous $summarize calls; for each 200 the server reports its total and the
 * model's time ({@code Server-Timing}); overhead = total − model (validation, de-identification, vault,
 * prompt, leak scan, re-identification, mapping, output validation, storage, serialisation).
 * Not a test: run it by hand (command in fhir-gateway/BENCHMARKS.md). Args: [rounds] [concurrency].
 */
public final class OperationsOverheadBenchmark {

    private static final Pattern METRIC = Pattern.compile("([a-z]+);dur=([0-9.]+)");

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path data = Files.createTempDirectory("medgo-bench");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--medgo.data-dir=" + data, "--medgo.db.url=", "--server.port=0", "--medgo.security.enabled=false", "--logging.level.org.medgo=WARN")) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            FhirHttp http = new FhirHttp(port);
            for (int i = 0; i < 5; i++) { // warm-up: validator, JIT, connection pool
                http.post("Encounter/$summarize", SyntheticRecords.english(900 + i, true).bundle(), Map.of());
            }
            List<Double> overhead = Collections.synchronizedList(new ArrayList<>());
            List<Double> model = Collections.synchronizedList(new ArrayList<>());
            List<Double> clientMinusModel = Collections.synchronizedList(new ArrayList<>());
            Map<String, List<Double>> steps = new java.util.concurrent.ConcurrentSkipListMap<>();
            int ok = 0, busy = 0, other = 0;
            try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
                for (int round = 0; round < rounds; round++) {
                    List<Future<long[]>> calls = new ArrayList<>();
                    for (int i = 0; i < concurrency; i++) {
                        long seed = round * 1000L + i;
                        calls.add(pool.submit(() -> {
                            var record = seed % 2 == 0 ? SyntheticRecords.english(seed, seed % 4 == 0) : SyntheticRecords.chinese(seed, seed % 3 == 0);
                            long start = System.nanoTime();
                            HttpResponse<String> r = http.post("Encounter/$summarize", record.bundle(), Map.of());
                            long client = System.nanoTime() - start;
                            if (r.statusCode() == 200) {
                                Map<String, Double> timing = timing(r.headers().firstValue("Server-Timing").orElse(""));
                                if (timing.containsKey("model") && timing.containsKey("total")) {
                                    double modelMs = timing.get("model");
                                    model.add(modelMs);
                                    overhead.add(timing.get("total") - modelMs);
                                    clientMinusModel.add(client / 1e6 - modelMs);
                                    timing.forEach((step, ms) -> steps.computeIfAbsent(step, s -> Collections.synchronizedList(new ArrayList<>())).add(ms));
                                }
                            }
                            return new long[] {r.statusCode()};
                        }));
                    }
                    for (Future<long[]> f : calls) {
                        int status = (int) f.get()[0];
                        if (status == 200) ok++; else if (status == 503) busy++; else other++;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "requests: %d x %d concurrent; 200: %d, 503: %d, other: %d%n", rounds, concurrency, ok, busy, other);
            System.out.printf(Locale.ROOT, "gateway overhead (server total - model) ms: p50 %.1f  p99 %.1f%n", pct(overhead, 50), pct(overhead, 99));
            System.out.printf(Locale.ROOT, "client latency - model ms (adds HTTP + waiting for the engine): p50 %.1f  p99 %.1f%n",
                    pct(clientMinusModel, 50), pct(clientMinusModel, 99));
            System.out.printf(Locale.ROOT, "model time ms: p50 %.1f  p99 %.1f%n", pct(model, 50), pct(model, 99));
            steps.forEach((step, ms) -> System.out.printf(Locale.ROOT, "  step %-9s ms: p50 %7.1f  p99 %7.1f%n", step, pct(ms, 50), pct(ms, 99)));
            System.out.printf(Locale.ROOT, "load average (1/5/15 min) at the end: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
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
