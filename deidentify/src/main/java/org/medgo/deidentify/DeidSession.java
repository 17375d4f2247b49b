package org.medgo.deidentify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * State of one de-identification request: surrogates handed out (so the same value gets the same
 * surrogate everywhere in the request), the date offset of each patient seen, and counts per type for
 * the audit. Not thread-safe: one request, one thread. Feed it to {@code Vault.store} afterwards.
 */
public final class DeidSession {
    private final UUID requestId;
    private final DeidSecrets secrets;
    private final Map<String, String> surrogateByKey = new HashMap<>();
    private final Map<String, SurrogateEntry> entries = new LinkedHashMap<>();
    private final EnumMap<PhiType, Integer> next = new EnumMap<>(PhiType.class);
    private final EnumMap<PhiType, Integer> counts = new EnumMap<>(PhiType.class);
    private final Map<String, Integer> offsets = new LinkedHashMap<>();
    private String currentPatient;
    private String primaryPatient;

    public DeidSession(UUID requestId, DeidSecrets secrets) {
        this.requestId = Objects.requireNonNull(requestId);
        this.secrets = Objects.requireNonNull(secrets);
    }

    public static DeidSession newRequest(DeidSecrets secrets) {
        return new DeidSession(UUID.randomUUID(), secrets);
    }

    public UUID requestId() {
        return requestId;
    }

    public DeidSecrets secrets() {
        return secrets;
    }

    /** Selects the patient whose date offset applies to what follows; the key is hashed, never stored. */
    public void usePatient(String patientKey) {
        currentPatient = patientKey == null ? null : secrets.hash("patient", patientKey);
        if (currentPatient != null) {
            offsets.computeIfAbsent(currentPatient, k -> secrets.dateOffsetDays(k));
            if (primaryPatient == null) {
                primaryPatient = currentPatient;
            }
        }
    }

    /** Day offset for the current patient, or a request-wide one when no patient is known. */
    public int dateOffsetDays() {
        String key = currentPatient != null ? currentPatient : "request:" + requestId;
        return offsets.computeIfAbsent(key, k -> secrets.dateOffsetDays(k));
    }

    /** The surrogate for an original value, minted on first sight ({@code [NAME_1]}). */
    public String surrogate(PhiType type, String original) {
        String key = type + "\u0000" + normalise(original);
        String existing = surrogateByKey.get(key);
        if (existing != null) {
            return existing;
        }
        int n = next.merge(type, 1, Integer::sum);
        String surrogate = "[" + type.name() + "_" + n + "]";
        surrogateByKey.put(key, surrogate);
        entries.put(surrogate, new SurrogateEntry(surrogate, type, original));
        return surrogate;
    }

    /** Counts one replaced occurrence of a type (for the audit: numbers only, no values). */
    public void count(PhiType type) {
        counts.merge(type, 1, Integer::sum);
    }

    public Map<PhiType, Integer> counts() {
        return Collections.unmodifiableMap(new EnumMap<>(counts));
    }

    public List<SurrogateEntry> entries() {
        return List.copyOf(new ArrayList<>(entries.values()));
    }

    /**
     * Offset of the request's primary patient (the first one seen), or the request-wide offset: the
     * one used to shift dates in model output back.
     */
    public int primaryDateOffsetDays() {
        if (primaryPatient != null) {
            return offsets.get(primaryPatient);
        }
        return offsets.computeIfAbsent("request:" + requestId, k -> secrets.dateOffsetDays(k));
    }

    /** Originals of one type handed out so far: a name seen in structured data is then found in free text too. */
    public List<String> originals(PhiType type) {
        List<String> out = new ArrayList<>();
        for (SurrogateEntry e : entries.values()) {
            if (e.type() == type) {
                out.add(e.original());
            }
        }
        return out;
    }

    /** Patient key hash → day offset, for re-identifying shifted dates. */
    public Map<String, Integer> dateOffsets() {
        return Map.copyOf(offsets);
    }

    private static String normalise(String s) {
        return s.strip().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
    }

    /** One surrogate and the value it stands for. */
    public record SurrogateEntry(String surrogate, PhiType type, String original) {
    }
}
