package org.medgo.audit;

import java.time.Instant;

/** A record as stored: its place in the chain, when it was recorded, and the chain hashes. */
public record StoredEvent(long seq, Instant recorded, AuditRecord record, byte[] prevHash, byte[] hash) {
}
