package org.medgo.deidentify.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;
import org.medgo.deidentify.text.Span;
import org.medgo.deidentify.text.TextResult;

/**
 * De-identifies the XHTML of a narrative as one document, so a cue in one node counts for the next
 * ("Name:" in one cell, the name in the next); attribute values (title, alt...) are scanned one by one.
 */
final class NarrativeScrubber {
    private final Function<String, TextResult> text;

    /** {@code text}: the request's free-text de-identification (same session, so the same surrogates). */
    NarrativeScrubber(Function<String, TextResult> text) {
        this.text = text;
    }

    void scrub(XhtmlNode div) {
        List<XhtmlNode> nodes = new ArrayList<>();
        collectText(div, nodes);
        if (nodes.isEmpty()) {
            return;
        }
        StringBuilder all = new StringBuilder();
        int[] starts = new int[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            starts[i] = all.length();
            all.append(nodes.get(i).getContent()).append('\n');
        }
        String src = all.toString();
        String[] out = rebuild(src, starts, text.apply(src));
        for (int i = 0; i < nodes.size(); i++) {
            String s = out[i];
            nodes.get(i).setContent(s.endsWith("\n") ? s.substring(0, s.length() - 1) : s);
        }
        scrubAttributes(div, s -> text.apply(s).text());
    }

    /** Each node's content with its spans replaced; a span crossing nodes is written where it starts. */
    private static String[] rebuild(String src, int[] starts, TextResult r) {
        StringBuilder[] out = new StringBuilder[starts.length];
        for (int i = 0; i < starts.length; i++) {
            out[i] = new StringBuilder();
        }
        List<Span> spans = r.spans();
        int node = 0;
        int pos = 0;
        int si = 0;
        while (pos < src.length()) {
            while (node + 1 < starts.length && starts[node + 1] <= pos) {
                node++;
            }
            if (si < spans.size() && spans.get(si).start() == pos) {
                out[node].append(r.replacements().get(si));
                pos = spans.get(si).end();
                si++;
                continue;
            }
            int next = si < spans.size() ? spans.get(si).start() : src.length();
            int nodeEnd = node + 1 < starts.length ? starts[node + 1] : src.length();
            int stop = Math.min(next, nodeEnd);
            out[node].append(src, pos, stop);
            pos = stop;
        }
        String[] result = new String[starts.length];
        for (int i = 0; i < starts.length; i++) {
            result[i] = out[i].toString();
        }
        return result;
    }

    private static void collectText(XhtmlNode n, List<XhtmlNode> out) {
        if (n.getNodeType() == NodeType.Text && n.getContent() != null) {
            out.add(n);
        }
        if (n.hasChildren()) {
            for (XhtmlNode c : n.getChildNodes()) {
                collectText(c, out);
            }
        }
    }

    private static void scrubAttributes(XhtmlNode n, UnaryOperator<String> clean) {
        if (n.getNodeType() == NodeType.Element && n.hasAttributes()) {
            for (Map.Entry<String, String> a : new ArrayList<>(n.getAttributes().entrySet())) {
                if (a.getValue() != null && !a.getKey().equals("xmlns") && !a.getKey().equals("class")) {
                    n.getAttributes().put(a.getKey(), clean.apply(a.getValue()));
                }
            }
        }
        if (n.hasChildren()) {
            for (XhtmlNode c : n.getChildNodes()) {
                scrubAttributes(c, clean);
            }
        }
    }
}
