package org.medgo.deidentify.fhir;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.StringType;
import org.medgo.deidentify.DeidSession;
import org.medgo.deidentify.PhiType;
import org.medgo.deidentify.text.Language;
import org.medgo.deidentify.text.TextDeidentifier;
import org.medgo.deidentify.text.TextResult;

/**
 * {@link Method#TEXT}: PHI inside free text is replaced, the rest kept. Strings and markdown, narratives
 * (as one document), text attachments (decoded as strict UTF-8, scanned, re-encoded); binary attachments
 * are removed. On a complex element the walk's defaults decide per child.
 */
final class FreeText implements ElementMethod {
    static final String BINARY_REMOVED = "[binary attachment removed by de-identification]";

    private final Visited visited;
    private final DeidSession session;
    private final TextDeidentifier text;
    private final Language language;
    private final NarrativeScrubber narratives;
    private final Consumer<Base> walkChildren;

    FreeText(Visited visited, DeidSession session, TextDeidentifier text, Language language, Consumer<Base> walkChildren) {
        this.visited = visited;
        this.session = session;
        this.text = text;
        this.language = language;
        this.narratives = new NarrativeScrubber(this::deidentify);
        this.walkChildren = walkChildren;
    }

    TextResult deidentify(String s) {
        return text.deidentify(s, language, session);
    }

    @Override
    public void apply(Base b, PhiType type) {
        switch (b) {
            case Narrative n -> {
                if (n.getDiv() != null && !n.getDiv().isEmpty()) {
                    narratives.scrub(n.getDiv());
                }
                visited.done(n);
            }
            case Attachment at -> {
                scrubAttachment(at);
                if (at.hasTitle()) {
                    apply(at.getTitleElement(), type);
                }
                visited.done(at.getDataElement());
                visited.done(at.getUrlElement());
                visited.done(at.getHashElement());
            }
            case StringType s when !(s instanceof CodeType) -> {
                if (s.hasValue() && !s.getValue().isBlank()) {
                    s.setValue(deidentify(s.getValue()).text());
                }
                visited.done(s);
            }
            case PrimitiveType<?> p -> visited.done(p);
            default -> walkChildren.accept(b);
        }
    }

    private void scrubAttachment(Attachment at) {
        if (at.hasUrl()) {
            at.setUrl(session.surrogate(PhiType.URL, at.getUrl()));
            session.count(PhiType.URL);
        }
        if (!at.hasData()) {
            return;
        }
        String ct = at.hasContentType() ? at.getContentType().toLowerCase(Locale.ROOT) : "";
        boolean textual = ct.isEmpty() || ct.startsWith("text/") || ct.contains("json") || ct.contains("xml");
        String decoded = textual ? strictUtf8(at.getData()) : null;
        if (decoded == null) {
            // Scanned PDFs, images, binary formats: nothing here can prove them free of PHI.
            at.setData(null);
            at.setSize(0);
            at.setHash(null);
            at.setTitle(BINARY_REMOVED);
            return;
        }
        byte[] bytes = deidentify(decoded).text().getBytes(StandardCharsets.UTF_8);
        at.setData(bytes);
        at.setSize(bytes.length);
        at.setHash(null);
        if (ct.isEmpty()) {
            at.setContentType("text/plain; charset=utf-8");
        }
    }

    private static String strictUtf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
