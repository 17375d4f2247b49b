package org.medgo.inference.eval;

import java.util.List;

/**
 * One benchmark question.
 *
 * @param id       the item's id in its file (line number, PMID)
 * @param question the question text (with its context for PubMedQA)
 * @param labels   the answers the model may give, in order: option letters, or yes/no/maybe
 * @param options  the option texts, parallel to {@code labels} (empty for PubMedQA)
 * @param gold     the correct label
 * @param subject  for the per-subject breakdown (MedQA's meta_info, MedMCQA's subject_name, MMLU-Pro's category)
 */
public record EvalItem(String id, String question, List<String> labels, List<String> options, String gold, String subject) {

    public EvalItem {
        labels = List.copyOf(labels);
        options = List.copyOf(options);
        if (!labels.contains(gold)) {
            throw new IllegalArgumentException("item " + id + ": the answer " + gold + " is not one of " + labels);
        }
    }
}
