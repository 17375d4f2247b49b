package org.medgo.gateway.operations.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/**
 * Counts the Bundle entries of a FHIR JSON or XML body with a streaming read, so the entry cap is checked
 * before a parser builds a thousand resources (issue 15 V5). Every {@code entry} at any depth counts (a
 * Bundle in a Parameters, nested Bundles): an upper bound. A body it cannot read counts 0 and is left to
 * the parser to refuse.
 */
final class EntryCount {

    private static final JsonFactory JSON = new JsonFactory();
    private static final XMLInputFactory XML = xmlFactory();

    private EntryCount() {}

    static int json(String body) {
        try (JsonParser p = JSON.createParser(body)) {
            int count = 0;
            int depth = 0;
            Deque<Integer> entryArrays = new ArrayDeque<>();  // depths of the open "entry" arrays
            String field = null;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case FIELD_NAME -> field = p.currentName();
                    case START_ARRAY -> {
                        depth++;
                        if ("entry".equals(field)) entryArrays.push(depth);
                        field = null;
                    }
                    case END_ARRAY -> {
                        if (!entryArrays.isEmpty() && entryArrays.peek() == depth) entryArrays.pop();
                        depth--;
                    }
                    case START_OBJECT -> {
                        if (!entryArrays.isEmpty() && entryArrays.peek() == depth) count++;
                        depth++;
                        field = null;
                    }
                    case END_OBJECT -> depth--;
                    default -> field = null;
                }
            }
            return count;
        } catch (Exception e) {
            return 0;
        }
    }

    static int xml(String body) {
        try {
            XMLStreamReader r = XML.createXMLStreamReader(new StringReader(body));
            int count = 0;
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT && "entry".equals(r.getLocalName())) count++;
            }
            return count;
        } catch (Exception e) {
            return 0;
        }
    }

    private static XMLInputFactory xmlFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return f;
    }
}
