package org.medgo.gateway.review;

import org.hl7.fhir.r4.model.Composition;

/**
 * Told of every decision inside its transaction (after the Composition row is updated, before commit), so
 * that what it writes commits or rolls back with the decision (e.g. the EMR write-back outbox).
 */
public interface ReviewDecisionListener {

    void decided(Composition decided, ReviewDecision.Kind kind);
}
