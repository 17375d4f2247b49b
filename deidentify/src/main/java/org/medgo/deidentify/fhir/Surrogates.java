package org.medgo.deidentify.fhir;

import java.util.List;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.medgo.deidentify.DeidSession;
import org.medgo.deidentify.PhiType;
import org.medgo.deidentify.text.Language;
import org.medgo.deidentify.text.Span;
import org.medgo.deidentify.text.TextDeidentifier;

/**
 * {@link Method#SURROGATE}: the value becomes a typed surrogate ({@code [NAME_1]}) that the vault can
 * reverse; the same value gets the same surrogate everywhere in the request, free text included.
 */
final class Surrogates implements ElementMethod {
    private final Visited visited;
    private final DeidSession session;
    private final TextDeidentifier text;
    private final Language language;
    private final ReferenceHasher references;
    private final FreeText freeText;

    Surrogates(Visited visited, DeidSession session, TextDeidentifier text, Language language, ReferenceHasher references,
            FreeText freeText) {
        this.visited = visited;
        this.session = session;
        this.text = text;
        this.language = language;
        this.references = references;
        this.freeText = freeText;
    }

    @Override
    public void apply(Base b, PhiType type) {
        switch (b) {
            case HumanName n -> name(n);
            case Identifier id -> identifier(id, type);
            case ContactPoint cp -> contactPoint(cp, type);
            case Address a -> address(a);
            case Attachment at -> freeText.apply(at, type);   // its URL is surrogated there, its text scanned
            case Reference ref -> {
                if (ref.hasReference()) {
                    ref.setReference(references.hashReference(ref.getReference()));
                }
                if (ref.hasDisplay()) {
                    apply(ref.getDisplayElement(), type == null ? PhiType.NAME : type);
                }
                visited.done(ref.getReferenceElement_());
            }
            case PrimitiveType<?> p -> {
                if (p.hasValue() && !p.getValueAsString().isBlank()) {
                    replace(p, type == null ? PhiType.OTHER_ID : type);
                }
                visited.done(p);
            }
            default -> Visited.forEachElement(b, v -> {
                if (v instanceof StringType && !(v instanceof CodeType) || v instanceof Type && !(v instanceof PrimitiveType<?>)) {
                    apply(v, type);
                }
            });
        }
    }

    private void replace(PrimitiveType<?> p, PhiType type) {
        p.setValueAsString(session.surrogate(type, p.getValueAsString()));
        session.count(type);
    }

    private void name(HumanName n) {
        String full = fullName(n);
        if (!full.isBlank()) {
            n.setText(session.surrogate(PhiType.NAME, full));
            session.count(PhiType.NAME);
            n.setFamily(null);
            n.getGiven().clear();
        }
        visited.done(n.getTextElement());
    }

    private void identifier(Identifier id, PhiType type) {
        if (id.hasValue()) {
            replace(id.getValueElement(), IdentifierTypes.of(id, shapeOf(id.getValue(), type)));
        }
        visited.done(id.getValueElement());
        if (id.hasAssigner() && id.getAssigner().hasDisplay()) {
            apply(id.getAssigner().getDisplayElement(), PhiType.ORGANIZATION);
        }
    }

    private void contactPoint(ContactPoint cp, PhiType type) {
        if (cp.hasValue()) {
            PhiType t = switch (cp.hasSystem() ? cp.getSystem() : ContactPoint.ContactPointSystem.NULL) {
                case EMAIL -> PhiType.EMAIL;
                case URL -> PhiType.URL;
                case PHONE, FAX, PAGER, SMS -> PhiType.PHONE;
                default -> type == null ? PhiType.OTHER_ID : type;
            };
            replace(cp.getValueElement(), t);
        }
        visited.done(cp.getValueElement());
    }

    private void address(Address a) {
        String full = AddressParts.identifyingLine(a);
        if (!full.isBlank()) {
            a.getLine().clear();
            a.addLine(session.surrogate(PhiType.ADDRESS, full));
            session.count(PhiType.ADDRESS);
        }
        if (AddressParts.clearLocality(a)) {
            session.count(PhiType.POSTCODE);
        }
        visited.done(a.getPostalCodeElement());
        a.getLine().forEach(visited::done);
    }

    /** A value that is recognisably a resident ID, SSN, phone... keeps that type whatever the rule said. */
    private PhiType shapeOf(String value, PhiType fallback) {
        List<Span> spans = text.detect(value, language);
        if (spans.size() == 1 && spans.get(0).start() == 0 && spans.get(0).end() == value.length()) {
            PhiType t = spans.get(0).type();
            if (t == PhiType.ID_NUMBER || t == PhiType.SSN || t == PhiType.PHONE || t == PhiType.EMAIL) {
                return t;
            }
        }
        return fallback;
    }

    private static String fullName(HumanName n) {
        if (n.hasFamily() || n.hasGiven()) {
            String given = n.getGivenAsSingleString();
            String family = n.hasFamily() ? n.getFamily() : "";
            boolean han = !family.isEmpty() && family.charAt(0) >= '\u4e00' && family.charAt(0) <= '\u9fa5';
            return han ? family + given.replace(" ", "") : (given + " " + family).strip();
        }
        return n.hasText() ? n.getText() : "";
    }
}
