package org.medgo.gateway.operations.prompt;

/**
 * What was left out of a record, counts of what the model did not see: by {@link RecordFit} (to fit the model's
 * context) and by {@link RecordScope} ({@code otherEncounters}: resources of the patient's other encounters).
 */
public record Omitted(int observations, int procedures, int noteSentences, int otherEncounters) {

    public static final Omitted NOTHING = new Omitted(0, 0, 0, 0);

    public boolean any() {
        return observations + procedures + noteSentences + otherEncounters > 0;
    }

    public Omitted plus(Omitted more) {
        return new Omitted(observations + more.observations, procedures + more.procedures, noteSentences + more.noteSentences,
                otherEncounters + more.otherEncounters);
    }

    /** What was left out, for the model and for the clinician reading the draft. */
    public String sentence() {
        String history = otherEncounters == 0 ? "" : "Not shown: " + otherEncounters + " resource" + (otherEncounters == 1 ? "" : "s")
                + " of the patient's other encounters (conditions, medications and allergies still active are shown).";
        if (observations + procedures + noteSentences == 0) {
            return history;
        }
        return (history.isEmpty() ? "" : history + " ") + fitSentence();
    }

    private String fitSentence() {
        StringBuilder parts = new StringBuilder();
        append(parts, observations, "observation");
        append(parts, procedures, "procedure");
        append(parts, noteSentences, "note sentence");
        return "Not shown, to fit the model's context: the " + parts + " (the oldest observations and procedures first, "
                + "then the last sentences of notes and reports).";
    }

    private static void append(StringBuilder out, int n, String what) {
        if (n == 0) return;
        if (!out.isEmpty()) out.append(", ");
        out.append(n).append(' ').append(what).append(n == 1 ? "" : "s");
    }
}
