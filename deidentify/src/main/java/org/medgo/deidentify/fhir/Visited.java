package org.medgo.deidentify.fhir;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;

/**
 * What one scrub has already dealt with, by identity. "Done" elements are final: neither rules nor
 * defaults look at them (or below them) again. "Handled" complex elements were treated as a whole by a
 * rule or default; the defaults still visit their children.
 */
final class Visited {
    private final Set<Base> done = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Base> handled = Collections.newSetFromMap(new IdentityHashMap<>());

    boolean isDone(Base b) {
        return done.contains(b);
    }

    /** Neither done nor already handled by a rule: a later rule may still take it. */
    boolean isOpen(Base b) {
        return !done.contains(b) && !handled.contains(b);
    }

    void done(Base b) {
        done.add(b);
    }

    /** Marks {@code b} handled; true the first time. */
    boolean handle(Base b) {
        return handled.add(b);
    }

    /** {@code b} and everything below it (contained resources excepted) are final as they are. */
    void doneWithChildren(Base b) {
        if (done.add(b)) {
            forEachElement(b, this::doneWithChildren);
        }
    }

    /** The children of {@code b} that are data elements: a contained resource is a resource of its own. */
    static void forEachElement(Base b, Consumer<Base> action) {
        for (Property p : b.children()) {
            for (Base v : p.getValues()) {
                if (!(v instanceof Resource)) {
                    action.accept(v);
                }
            }
        }
    }
}
