package org.medgo.inference.sampling;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TokenSamplerTest {

    /** log-probabilities for p = [0.5, 0.3, 0.15, 0.05] over ids 0..3, the rest impossible. */
    private static float[] logits() {
        float[] l = new float[10];
        java.util.Arrays.fill(l, Float.NEGATIVE_INFINITY);
        l[0] = (float) Math.log(0.5);
        l[1] = (float) Math.log(0.3);
        l[2] = (float) Math.log(0.15);
        l[3] = (float) Math.log(0.05);
        return l;
    }

    private static Map<Integer, Integer> draw(SamplingParams p, int n) {
        TokenSampler s = new TokenSampler(p, 10);
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            counts.merge(s.choose(logits()), 1, Integer::sum);
        }
        return counts;
    }

    private static SamplingParams params(double t, int k, double p, double minP, long seed) {
        return new SamplingParams(t, k, p, minP, 1, 0, 0, seed);
    }

    @Test
    void greedyTakesTheArgmax() {
        assertThat(new TokenSampler(SamplingParams.greedy(), 10).choose(logits())).isZero();
    }

    @Test
    void temperatureOneFollowsTheDistribution() {
        Map<Integer, Integer> c = draw(params(1, 0, 1, 0, 1), 20_000);
        assertThat(c.get(0) / 20_000.0).isCloseTo(0.5, within(0.02));
        assertThat(c.get(1) / 20_000.0).isCloseTo(0.3, within(0.02));
        assertThat(c.get(3) / 20_000.0).isCloseTo(0.05, within(0.01));
        assertThat(c.keySet()).containsOnly(0, 1, 2, 3);
    }

    @Test
    void lowTemperatureSharpens() {
        Map<Integer, Integer> c = draw(params(0.1, 0, 1, 0, 2), 2_000);
        assertThat(c.getOrDefault(0, 0)).isGreaterThan(1_980);
    }

    @Test
    void topKKeepsOnlyTheKMostLikely() {
        Map<Integer, Integer> c = draw(params(1, 2, 1, 0, 3), 5_000);
        assertThat(c.keySet()).containsOnly(0, 1);
        assertThat(c.get(0) / 5_000.0).isCloseTo(0.625, within(0.03)); // 0.5 / 0.8
    }

    @Test
    void topPKeepsTheSmallestSetReachingP() {
        // cumulative 0.5, 0.8, 0.95: top_p 0.7 keeps {0, 1}; 0.9 keeps {0, 1, 2}
        assertThat(draw(params(1, 0, 0.7, 0, 4), 5_000).keySet()).containsOnly(0, 1);
        assertThat(draw(params(1, 0, 0.9, 0, 5), 5_000).keySet()).containsOnly(0, 1, 2);
    }

    @Test
    void minPDropsTokensBelowAFractionOfTheTop() {
        // min_p 0.5 -> cut 0.25: keeps 0.5 and 0.3
        assertThat(draw(params(1, 0, 1, 0.5, 6), 5_000).keySet()).containsOnly(0, 1);
    }

    @Test
    void sameSeedSameDraws() {
        TokenSampler a = new TokenSampler(params(1, 0, 1, 0, 42), 10);
        TokenSampler b = new TokenSampler(params(1, 0, 1, 0, 42), 10);
        for (int i = 0; i < 200; i++) {
            assertThat(a.choose(logits())).isEqualTo(b.choose(logits()));
        }
    }

    @Test
    void repetitionPenaltyDividesPositiveAndMultipliesNegativeLogitsOfSeenTokens() {
        TokenSampler s = new TokenSampler(new SamplingParams(0, 0, 1, 0, 2.0, 0, 0, 1L), 4);
        s.observePrompt(new int[] {0, 2}, 2);
        float[] l = {3f, 2f, -1f, -1.5f};
        s.applyPenalties(l);
        assertThat(l).containsExactly(1.5f, 2f, -2f, -1.5f);
        assertThat(s.choose(l)).isEqualTo(1);
    }

    @Test
    void presenceAndFrequencyPenaltiesCountGeneratedTokens() {
        TokenSampler s = new TokenSampler(new SamplingParams(0, 0, 1, 0, 1, 0.5, 0.25, 1L), 3);
        s.observePrompt(new int[] {2}, 1); // prompt tokens do not count for these two
        s.observeOutput(0);
        s.observeOutput(0);
        s.observeOutput(1);
        float[] l = {1f, 1f, 1f};
        s.applyPenalties(l);
        assertThat(l[0]).isCloseTo(1f - 0.5f - 0.5f, within(1e-6f));
        assertThat(l[1]).isCloseTo(1f - 0.5f - 0.25f, within(1e-6f));
        assertThat(l[2]).isEqualTo(1f);
    }

    @Test
    void everythingMaskedGivesMinusOne() {
        float[] l = new float[5];
        java.util.Arrays.fill(l, Float.NEGATIVE_INFINITY);
        assertThat(new TokenSampler(params(1, 0, 1, 0, 1), 5).choose(l)).isEqualTo(-1);
    }

    @Test
    void rejectsNonsenseParameters() {
        assertThatThrownBy(() -> params(-1, 0, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> params(1, 0, 0, 0, 1)).hasMessageContaining("top_p");
        assertThatThrownBy(() -> params(1, -1, 1, 0, 1)).hasMessageContaining("top_k");
    }

    @Test
    void choosingAmongADevicesTopKDrawsWhatTheMaskedRowDraws() {
        java.util.Random rnd = new java.util.Random(9);
        int vocab = 2000;
        int k = 64;
        for (SamplingParams p : java.util.List.of(SamplingParams.qwen3Default(1L), params(1.0, 40, 0.9, 0.05, 2),
                params(0.7, 64, 1.0, 0.0, 3), params(1.3, 2, 1.0, 0.0, 4))) {
            TokenSampler full = new TokenSampler(p, vocab);
            TokenSampler sparse = new TokenSampler(p, vocab);
            for (int step = 0; step < 100; step++) {
                float[] row = new float[vocab];
                for (int i = 0; i < vocab; i++) {
                    row[i] = Math.round(rnd.nextGaussian() * 12) / 4f; // coarse, like fp16: many ties
                }
                Integer[] order = new Integer[vocab];
                for (int i = 0; i < vocab; i++) {
                    order[i] = i;
                }
                java.util.Arrays.sort(order, (a, b) -> row[a] != row[b] ? Float.compare(row[b], row[a]) : a - b);
                java.util.List<Integer> top = new java.util.ArrayList<>(java.util.List.of(order).subList(0, k));
                java.util.Collections.shuffle(top, rnd); // a device's ties come in any order
                int[] ids = new int[k];
                float[] values = new float[k];
                float[] masked = new float[vocab];
                java.util.Arrays.fill(masked, Float.NEGATIVE_INFINITY);
                for (int j = 0; j < k; j++) {
                    ids[j] = top.get(j);
                    values[j] = row[ids[j]];
                    masked[ids[j]] = values[j];
                }
                assertThat(sparse.chooseAmong(ids, values, k)).as(p + " step " + step).isEqualTo(full.choose(masked));
            }
        }
    }
}
