package org.medgo.deidentify.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.medgo.deidentify.DeidSession;
import org.medgo.deidentify.PhiType;
import org.medgo.deidentify.text.TextDeidentifier;

/**
 * {@link Method#DATE_SHIFT}: dates move by the patient's secret offset (intervals kept); dates inside
 * strings move in the text. A birth date 90 or more years back becomes the year now−90 (Safe Harbor
 * aggregates ages over 89, so a birth date may not reveal them either).
 */
final class DateShift implements ElementMethod {
    private final Visited visited;
    private final DeidSession session;
    /** The {@code birthDate} elements of the resources seen: told by the element definition, not a path. */
    private final Set<Base> birthDates = Collections.newSetFromMap(new IdentityHashMap<>());

    DateShift(Visited visited, DeidSession session) {
        this.visited = visited;
        this.session = session;
    }

    /** Registers the resource's birth date, if its type has one (Patient, Person, Practitioner, RelatedPerson). */
    void noteBirthDate(Resource r) {
        Property p = r.getNamedProperty("birthDate");
        if (p != null && "date".equals(p.getTypeCode()) && p.hasValues()) {
            birthDates.addAll(p.getValues());
        }
    }

    @Override
    public void apply(Base b, PhiType type) {
        if (b instanceof BaseDateTimeType d) {
            shift(d);
            visited.done(d);
            return;
        }
        if (b instanceof StringType s && !(b instanceof CodeType)) {
            if (s.hasValue()) {
                s.setValue(TextDeidentifier.shiftDates(s.getValue(), session.dateOffsetDays()));
            }
            visited.done(s);
            return;
        }
        Visited.forEachElement(b, v -> apply(v, type));
    }

    private void shift(BaseDateTimeType d) {
        if (d.getValue() == null) {
            return;
        }
        TemporalPrecisionEnum precision = d.getPrecision();
        LocalDate original = LocalDate.of(d.getYear(), precision == TemporalPrecisionEnum.YEAR ? 1 : d.getMonth() + 1,
                precision == TemporalPrecisionEnum.YEAR || precision == TemporalPrecisionEnum.MONTH ? 1 : d.getDay());
        if (precision != TemporalPrecisionEnum.YEAR) {
            d.add(Calendar.DATE, session.dateOffsetDays());
        }
        session.count(PhiType.DATE);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        if (birthDates.contains(d) && original.plusYears(90).isBefore(today.plusDays(1))) {
            d.setValueAsString(String.valueOf(today.getYear() - 90));
            session.count(PhiType.AGE);
        }
    }
}
