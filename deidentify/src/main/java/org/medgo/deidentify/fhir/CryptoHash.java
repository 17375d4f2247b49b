package org.medgo.deidentify.fhir;

import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.medgo.deidentify.DeidSession;
import org.medgo.deidentify.PhiType;

/** {@link Method#CRYPTO_HASH}: keyed HMAC-SHA256 pseudonym, stable within the key's scope, not reversible. */
final class CryptoHash implements ElementMethod {
    private final Visited visited;
    private final DeidSession session;
    private final ReferenceHasher references;

    CryptoHash(Visited visited, DeidSession session, ReferenceHasher references) {
        this.visited = visited;
        this.session = session;
        this.references = references;
    }

    @Override
    public void apply(Base b, PhiType type) {
        switch (b) {
            case Identifier id -> {
                if (id.hasValue()) {
                    id.setValue(session.secrets().hash("identifier:" + id.getSystem(), id.getValue()));
                    session.count(IdentifierTypes.of(id, type));
                }
                visited.done(id.getValueElement());
            }
            case Reference ref -> {
                if (ref.hasReference()) {
                    ref.setReference(references.hashReference(ref.getReference()));
                }
                visited.done(ref.getReferenceElement_());
            }
            case PrimitiveType<?> p -> {
                if (p.hasValue()) {
                    p.setValueAsString(session.secrets().hash("value", p.getValueAsString()));
                    session.count(type == null ? PhiType.OTHER_ID : type);
                }
                visited.done(p);
            }
            default -> Visited.forEachElement(b, v -> {
                if (v instanceof PrimitiveType<?> || v instanceof Identifier) {
                    apply(v, type);
                }
            });
        }
    }
}
