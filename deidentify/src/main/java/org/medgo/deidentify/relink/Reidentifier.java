package org.medgo.deidentify.relink;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medgo.deidentify.DeidSession.SurrogateEntry;
import org.medgo.deidentify.text.TextDeidentifier;
import org.medgo.deidentify.vault.VaultEntries;

/**
 * Puts the originals back into model output: shifted dates are moved back by the request's offset
 * (same written form), then every surrogate the vault knows ({@code [NAME_1]}) becomes its original.
 * Surrogates the vault does not know are left as they are (the leak scan reports them).
 */
public final class Reidentifier {
    private static final Pattern SURROGATE = Pattern.compile("\\[([A-Z_]+)_(\\d+)]");

    private Reidentifier() {
    }

    public static String reidentify(String modelOutput, VaultEntries vault) {
        String unshifted = TextDeidentifier.shiftDates(modelOutput, -vault.dateOffsetDays());
        Map<String, SurrogateEntry> map = vault.bySurrogate();
        Matcher m = SURROGATE.matcher(unshifted);
        StringBuilder sb = new StringBuilder(unshifted.length());
        while (m.find()) {
            SurrogateEntry e = map.get(m.group());
            m.appendReplacement(sb, Matcher.quoteReplacement(e == null ? m.group() : e.original()));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
