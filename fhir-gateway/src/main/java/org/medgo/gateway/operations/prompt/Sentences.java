package org.medgo.gateway.operations.prompt;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits note text into sentences (English full stops and Chinese 。！？ alike), so a statement can cite the
 * sentence it rests on rather than a whole note. Line breaks also end a sentence: notes are often lists.
 */
final class Sentences {

    private Sentences() {}

    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        for (String paragraph : text.split("\\R")) {
            BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
            it.setText(paragraph);
            int start = it.first();
            for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
                String s = paragraph.substring(start, end).strip();
                if (!s.isEmpty()) out.add(s);
            }
        }
        return out;
    }
}
