package org.medgo.deidentify.bench;

import java.util.concurrent.TimeUnit;
import org.medgo.deidentify.DeidSecrets;
import org.medgo.deidentify.DeidSession;
import org.medgo.deidentify.eval.LabelledNote;
import org.medgo.deidentify.eval.SyntheticCorpus;
import org.medgo.deidentify.text.Language;
import org.medgo.deidentify.text.TextDeidentifier;
import org.medgo.deidentify.text.TextResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Free-text de-identification of a 10,000-character clinical note (synthetic notes of the evaluation
 * corpus concatenated and cut to exactly 10,000 characters), one thread. Target: under 5 ms.
 * Run: see deidentify/BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx1g", "-XX:ActiveProcessorCount=1"})
@Threads(1)
public class TextDeidentifierBenchmark {
    @Param({"en", "zh", "mixed"})
    public String corpus;

    private String note;
    private final TextDeidentifier deid = TextDeidentifier.standard();
    private final DeidSecrets secrets = DeidSecrets.of(new byte[32]);

    @Setup
    public void setUp() {
        var notes = switch (corpus) {
            case "en" -> SyntheticCorpus.english(200, 99);
            case "zh" -> SyntheticCorpus.chinese(200, 99);
            default -> SyntheticCorpus.mixed(100, 99);
        };
        StringBuilder sb = new StringBuilder();
        for (LabelledNote n : notes) {
            if (sb.length() >= 10_000) {
                break;
            }
            sb.append(n.text()).append('\n');
        }
        note = sb.substring(0, 10_000);
    }

    @Benchmark
    public TextResult deidentify10kChars() {
        return deid.deidentify(note, Language.AUTO, DeidSession.newRequest(secrets));
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(TextDeidentifierBenchmark.class.getSimpleName()).build()).run();
    }
}
