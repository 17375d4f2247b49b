package org.medgo.deidentify.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.medgo.deidentify.DeidSecrets;
import org.medgo.deidentify.DeidSession;
import org.medgo.deidentify.eval.LabelledNote;
import org.medgo.deidentify.eval.SyntheticCorpus;
import org.medgo.deidentify.text.Language;
import org.medgo.deidentify.text.TextDeidentifier;

/**
 * Companion to the JMH benchmark for a shared, overloaded build machine: the same 10,000-character
 * notes, timed by the thread's CPU time (time actually spent on a core) next to wall time, so the
 * figure is not inflated by waiting for a core. Not a substitute for JMH on a quiet machine.
 */
public final class CpuTimeProbe {
    private CpuTimeProbe() {
    }

    public static void main(String[] args) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        TextDeidentifier deid = TextDeidentifier.standard();
        DeidSecrets secrets = DeidSecrets.of(new byte[32]);
        for (String corpus : new String[] {"en", "zh", "mixed"}) {
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
            String note = sb.substring(0, 10_000);
            for (int i = 0; i < 2_000; i++) {
                deid.deidentify(note, Language.AUTO, DeidSession.newRequest(secrets));
            }
            int n = 1_000;
            long cpu0 = mx.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                deid.deidentify(note, Language.AUTO, DeidSession.newRequest(secrets));
            }
            double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e6 / n;
            double wall = (System.nanoTime() - wall0) / 1e6 / n;
            System.out.printf("%-6s 10,000 chars: %.2f ms CPU/op, %.2f ms wall/op%n", corpus, cpu, wall);
        }
    }
}
