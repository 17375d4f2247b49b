package org.medgo.deidentify.vault;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.medgo.deidentify.DeidSession.SurrogateEntry;

/** What the vault holds for one request, decrypted: surrogates and the date offset to undo. */
public record VaultEntries(UUID vaultId, List<SurrogateEntry> entries, int dateOffsetDays, Instant expiresAt) {
    public VaultEntries {
        entries = List.copyOf(entries);
    }

    public Optional<String> original(String surrogate) {
        return entries.stream().filter(e -> e.surrogate().equals(surrogate)).map(SurrogateEntry::original).findFirst();
    }

    public Map<String, SurrogateEntry> bySurrogate() {
        Map<String, SurrogateEntry> m = new LinkedHashMap<>();
        entries.forEach(e -> m.put(e.surrogate(), e));
        return m;
    }
}
