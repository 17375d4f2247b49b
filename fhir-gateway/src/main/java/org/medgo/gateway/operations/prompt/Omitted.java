package org.medgo.gateway.operations.prompt;

/** What {@link RecordFit} left out of a record: counts of facts the model did not see. */
public record Omitted(int observations, int procedures, int noteSentences) {

    public static final Omitted NOTHING = new Omitted(0, 0, 0);

    public boolean any() {
        return observations + procedures + noteSentences > 0;
    }

    /** One sentence for the model and for the clinician reading the draft. */
    public String sentence() {
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
