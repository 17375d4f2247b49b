package org.medgo.deidentify.text;

/**
 * Prints what the English word lists cost in memory: the bytes their hash tables hold (exact, from the array
 * sizes) and the heap growth measured around loading them. {@code java -cp ... org.medgo.deidentify.text.LexiconFootprint}
 */
public final class LexiconFootprint {
    private LexiconFootprint() {
    }

    public static void main(String[] args) {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        EnglishLexicon lex = EnglishLexicon.standard();
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        System.out.printf("safe words %d, names %d, places %d, clinical %d, eponyms %d%n", lex.safe.size(), lex.names.size(),
                lex.places.size(), lex.clinical.size(), lex.eponyms.size());
        System.out.printf("hash tables: %.2f MiB; heap growth after loading (GC'd): %.2f MiB%n", lex.bytes() / 1048576.0,
                (after - before) / 1048576.0);
    }
}
