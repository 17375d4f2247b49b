package org.medgo.deidentify.fhir;

import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Quantity;
import org.medgo.deidentify.DeidSession;
import org.medgo.deidentify.PhiType;

/** {@link Method#GENERALIZE}: ages over 89 → 90, dates → their year, addresses → state/country and 3-digit postcode. */
final class Generalization implements ElementMethod {
    private final Visited visited;
    private final DeidSession session;

    Generalization(Visited visited, DeidSession session) {
        this.visited = visited;
        this.session = session;
    }

    @Override
    public void apply(Base b, PhiType type) {
        switch (b) {
            case Quantity q -> {
                if (q.hasValue() && q.getValue().doubleValue() > 89) {
                    q.setValue(90);
                    q.setComparator(Quantity.QuantityComparator.GREATER_OR_EQUAL);
                    session.count(PhiType.AGE);
                }
                visited.doneWithChildren(q);
            }
            case IntegerType i -> {
                if (i.hasValue() && i.getValue() > 89) {
                    i.setValue(90);
                    session.count(PhiType.AGE);
                }
                visited.done(i);
            }
            case BaseDateTimeType d -> {
                if (d.getValue() != null) {
                    d.setValueAsString(String.valueOf(d.getYear()));
                    session.count(PhiType.DATE);
                }
                visited.done(d);
            }
            case Address a -> {
                a.getLine().clear();
                AddressParts.clearLocality(a);
                session.count(PhiType.ADDRESS);
                visited.doneWithChildren(a);
            }
            case PrimitiveType<?> p -> {
                if (p.hasValue()) {
                    p.setValueAsString(AddressParts.threeDigits(p.getValueAsString()));
                    session.count(PhiType.POSTCODE);
                }
                visited.done(p);
            }
            default -> visited.doneWithChildren(b);
        }
    }
}
