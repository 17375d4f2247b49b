/**
 * The audit trail: who saw or changed what, when, and what the model did (HIPAA 164.312(b), PIPL).
 *
 * <p>Public entry points: {@link org.medgo.audit.AuditRecord} (what to record),
 * {@link org.medgo.audit.chain.AuditTrail} (append, in the caller's transaction or its own),
 * {@link org.medgo.audit.chain.ChainVerifier} and {@link org.medgo.audit.chain.Checkpointer} (tamper
 * evidence), {@link org.medgo.audit.fhir.AuditQuery} (read and search as FHIR R4 AuditEvents, IHE BALP
 * shape). No PHI is stored: references, codes, counts and hashes only.
 */
package org.medgo.audit;
