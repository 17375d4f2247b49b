package org.medgo.deidentify.fhir;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.medgo.deidentify.DeidSecrets;

/**
 * Keyed hashes of resource ids, references and fullUrls: the same id always gives the same hash, so the
 * de-identified bundle still links, and nothing of the hospital's ids or server address remains.
 */
final class ReferenceHasher {
    /** Base written in front of hashed absolute references: clearly not the hospital's server. */
    static final String DEID_BASE = "http://deidentified.invalid/fhir/";
    private static final Pattern REFERENCE = Pattern.compile(
            "^(?:(https?://.*?/))?([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})(?:/_history/[A-Za-z0-9\\-.]{1,64})?$");

    private final DeidSecrets secrets;
    /** Bundle fullUrl → "Type/id", so urn:uuid references hash like the literal reference they stand for. */
    private final Map<String, String> fullUrlToKey = new HashMap<>();

    ReferenceHasher(DeidSecrets secrets, Resource root) {
        this.secrets = secrets;
        if (root instanceof Bundle b) {
            for (Bundle.BundleEntryComponent e : b.getEntry()) {
                String key = keyOf(e);
                if (e.hasFullUrl() && key != null) {
                    fullUrlToKey.put(e.getFullUrl(), key);
                }
            }
        }
    }

    /** "Type/id" of an entry's resource (its fullUrl where it has no id); null without a resource. */
    static String keyOf(Bundle.BundleEntryComponent e) {
        Resource r = e.getResource();
        if (r == null) {
            return null;
        }
        return r.getIdElement().hasIdPart() ? r.fhirType() + "/" + r.getIdElement().getIdPart() : e.getFullUrl();
    }

    /** A reference as "Type/id" where it can be read so (fullUrl of an entry, relative or absolute URL). */
    String normalise(String ref) {
        String mapped = fullUrlToKey.get(ref);
        if (mapped != null) {
            return mapped;
        }
        Matcher m = REFERENCE.matcher(ref);
        return m.matches() ? m.group(2) + "/" + m.group(3) : ref;
    }

    String hashReference(String ref) {
        if (ref == null || ref.startsWith("#")) {
            return ref;
        }
        if (ref.startsWith("urn:uuid:") || ref.startsWith("urn:oid:")) {
            return "urn:uuid:" + uuidFrom(secrets.hash("ref", normalise(ref)));
        }
        Matcher m = REFERENCE.matcher(ref);
        if (m.matches()) {
            return (m.group(1) != null ? DEID_BASE : "") + m.group(2) + "/" + hashId(m.group(2), m.group(3));
        }
        int q = ref.indexOf('?');
        if (q > 0) {
            // A conditional reference carries search values (often an identifier): keep only the type.
            return ref.substring(0, q);
        }
        return secrets.hash("ref", ref);
    }

    String hashFullUrl(String fullUrl) {
        String key = fullUrlToKey.get(fullUrl);
        if (fullUrl.startsWith("urn:")) {
            return "urn:uuid:" + uuidFrom(secrets.hash("ref", key != null ? key : fullUrl));
        }
        Matcher m = REFERENCE.matcher(fullUrl);
        if (m.matches()) {
            return DEID_BASE + m.group(2) + "/" + hashId(m.group(2), m.group(3));
        }
        return "urn:uuid:" + uuidFrom(secrets.hash("ref", fullUrl));
    }

    String hashId(String type, String id) {
        return secrets.hash("id", type + "/" + id);
    }

    private static String uuidFrom(String hex32) {
        long hi = Long.parseUnsignedLong(hex32.substring(0, 16), 16);
        long lo = Long.parseUnsignedLong(hex32.substring(16, 32), 16);
        return new UUID(hi, lo).toString();
    }
}
