package org.medgo.gateway.operations.composition;

import java.util.List;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;
import org.hl7.fhir.utilities.xhtml.XhtmlParser;

/**
 * Narrative XHTML built from model text: every piece of text is escaped, the markup is ours alone
 * (a {@code div} with paragraphs and lists), so model output can never inject elements or attributes.
 */
public final class SafeNarrative {

    private SafeNarrative() {}

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // XML 1.0 forbids most control characters; drop them
                    if (cp >= 0x20 || cp == '\n' || cp == '\t') out.appendCodePoint(cp);
                }
            }
        });
        return out.toString();
    }

    /** A narrative of a heading-less block: paragraphs, then an optional list. */
    public static Narrative of(List<String> paragraphs, List<String> items) {
        StringBuilder div = new StringBuilder("<div xmlns=\"http://www.w3.org/1999/xhtml\">");
        paragraphs.stream().filter(p -> p != null && !p.isBlank()).forEach(p -> div.append("<p>").append(escape(p)).append("</p>"));
        if (!items.isEmpty()) {
            div.append("<ul>");
            items.forEach(i -> div.append("<li>").append(escape(i)).append("</li>"));
            div.append("</ul>");
        }
        if (paragraphs.stream().allMatch(p -> p == null || p.isBlank()) && items.isEmpty()) {
            div.append("<p>(empty)</p>");
        }
        div.append("</div>");
        Narrative narrative = new Narrative();
        narrative.setStatus(Narrative.NarrativeStatus.GENERATED);
        try {
            XhtmlNode node = new XhtmlParser().parse(div.toString(), "div");
            narrative.setDiv(node);
        } catch (Exception e) {
            throw new IllegalStateException("generated narrative is not XHTML", e);
        }
        return narrative;
    }
}
