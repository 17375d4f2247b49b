package org.medgo.deidentify.fhir;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MarkdownType;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.medgo.deidentify.DeidSession;
import org.medgo.deidentify.PhiType;
import org.medgo.deidentify.fhir.RuleSet.DataKind;
import org.medgo.deidentify.text.Language;
import org.medgo.deidentify.text.TextDeidentifier;

/**
 * One pass over one resource tree (a Bundle, a Parameters or a single resource): in every resource the
 * rules first, then the data-type defaults for every element no rule touched. Only the walk lives here;
 * each {@link Method} is an {@link ElementMethod}. Single use, single thread.
 */
final class ResourceScrubber {
    private static final Set<String> PERSON_TYPES = Set.of("Patient", "Practitioner", "PractitionerRole", "RelatedPerson", "Person");

    private final List<BundleDeidentifier.CompiledRule> rules;
    private final RuleSet ruleSet;
    private final DeidSession session;
    private final BundleDeidentifier.PathEvaluator paths;
    private final Visited visited = new Visited();
    private final ReferenceHasher references;
    private final PatientKeys patients;
    private final DateShift dateShift;
    private final Map<Method, ElementMethod> methods = new EnumMap<>(Method.class);

    private ResourceScrubber(Resource root, RuleSet ruleSet, List<BundleDeidentifier.CompiledRule> rules,
            BundleDeidentifier.PathEvaluator paths, DeidSession session, TextDeidentifier text, Language language) {
        this.ruleSet = ruleSet;
        this.rules = rules;
        this.paths = paths;
        this.session = session;
        this.references = new ReferenceHasher(session.secrets(), root);
        this.patients = new PatientKeys(root, references);
        this.dateShift = new DateShift(visited, session);
        FreeText freeText = new FreeText(visited, session, text, language, this::walkChildren);
        methods.put(Method.KEEP, (b, type) -> visited.doneWithChildren(b));
        methods.put(Method.REDACT, new Redaction(visited));
        methods.put(Method.SURROGATE, new Surrogates(visited, session, text, language, references, freeText));
        methods.put(Method.DATE_SHIFT, dateShift);
        methods.put(Method.GENERALIZE, new Generalization(visited, session));
        methods.put(Method.CRYPTO_HASH, new CryptoHash(visited, session, references));
        methods.put(Method.TEXT, freeText);
    }

    /** De-identifies {@code root} (a copy the caller owns) in place. */
    static void scrub(Resource root, RuleSet ruleSet, List<BundleDeidentifier.CompiledRule> rules,
            BundleDeidentifier.PathEvaluator paths, DeidSession session, TextDeidentifier text, Language language) {
        new ResourceScrubber(root, ruleSet, rules, paths, session, text, language).processResource(root);
    }

    private void processResource(Resource r) {
        String key = patients.of(r);
        if (key != null) {
            session.usePatient(key);
        }
        dateShift.noteBirthDate(r);
        for (BundleDeidentifier.CompiledRule rule : rules) {
            for (Base b : paths.evaluate(r, rule)) {
                if (visited.isOpen(b)) {
                    apply(b, rule.rule().method(), rule.rule().type());
                }
            }
        }
        if (r.getIdElement().hasIdPart() && ruleSet.defaultFor(DataKind.RESOURCE_ID) == Method.CRYPTO_HASH) {
            r.setId(references.hashId(r.fhirType(), r.getIdElement().getIdPart()));
        }
        visited.done(r.getIdElement());
        if (r instanceof Bundle b) {
            hashEntryUrls(b);
        }
        walkChildren(r);
    }

    private void hashEntryUrls(Bundle b) {
        for (Bundle.BundleEntryComponent e : b.getEntry()) {
            if (e.hasFullUrl() && ruleSet.defaultFor(DataKind.REFERENCE) == Method.CRYPTO_HASH) {
                e.setFullUrl(references.hashFullUrl(e.getFullUrl()));
            }
            visited.done(e.getFullUrlElement());
            if (e.hasRequest() && e.getRequest().hasUrl()) {
                e.getRequest().setUrl(references.hashReference(e.getRequest().getUrl()));
                visited.done(e.getRequest().getUrlElement());
            }
            if (e.hasResponse() && e.getResponse().hasLocation()) {
                e.getResponse().setLocation(references.hashReference(e.getResponse().getLocation()));
                visited.done(e.getResponse().getLocationElement());
            }
        }
        b.getLink().clear();
    }

    /** The walk: every child of {@code b}, a contained or entry resource as a resource of its own. */
    private void walkChildren(Base b) {
        for (Property p : b.children()) {
            if (!p.hasValues()) {
                continue;
            }
            for (Base v : new ArrayList<>(p.getValues())) {
                walk(v);
            }
        }
    }

    private void walk(Base b) {
        if (b == null || visited.isDone(b)) {
            return;
        }
        if (b instanceof Resource r) {
            processResource(r);
            return;
        }
        boolean first = visited.handle(b);
        if (b instanceof Narrative n) {
            if (first) {
                apply(n, ruleSet.defaultFor(DataKind.NARRATIVE), null);
            }
            return;
        }
        if (b instanceof PrimitiveType<?> p) {
            defaultPrimitive(p);
            return;
        }
        if (first) {
            defaultComplex(b);
        }
        if (!visited.isDone(b)) {
            walkChildren(b);
        }
    }

    private void defaultPrimitive(PrimitiveType<?> p) {
        if (p instanceof BaseDateTimeType) {
            apply(p, ruleSet.defaultFor(DataKind.DATE), PhiType.DATE);
        } else if (p instanceof MarkdownType) {
            apply(p, ruleSet.defaultFor(DataKind.MARKDOWN), PhiType.OTHER_ID);
        } else if (p instanceof StringType && !isCodeLike(p)) {
            apply(p, ruleSet.defaultFor(DataKind.STRING), PhiType.OTHER_ID);
        }
        // codes, URIs, booleans, numbers, base64: clinical or structural, kept
    }

    private static boolean isCodeLike(PrimitiveType<?> p) {
        return p instanceof CodeType || p instanceof Enumeration<?> || p instanceof UriType || p instanceof BooleanType
                || p instanceof Base64BinaryType || p instanceof DecimalType || p instanceof IntegerType;
    }

    private void defaultComplex(Base b) {
        switch (b) {
            case Identifier id -> apply(id, ruleSet.defaultFor(DataKind.IDENTIFIER), null);
            case HumanName n -> apply(n, ruleSet.defaultFor(DataKind.HUMAN_NAME), PhiType.NAME);
            case Address a -> apply(a, ruleSet.defaultFor(DataKind.ADDRESS), PhiType.ADDRESS);
            case ContactPoint cp -> apply(cp, ruleSet.defaultFor(DataKind.CONTACT_POINT), null);
            case Attachment at -> apply(at, ruleSet.defaultFor(DataKind.ATTACHMENT), null);
            case Reference ref -> defaultReference(ref);
            default -> {
            }
        }
    }

    private void defaultReference(Reference ref) {
        if (ref.hasReference() && ruleSet.defaultFor(DataKind.REFERENCE) == Method.CRYPTO_HASH) {
            ref.setReference(references.hashReference(ref.getReference()));
        }
        visited.done(ref.getReferenceElement_());
        if (ref.hasDisplay()) {
            Method m = ruleSet.defaultFor(DataKind.REFERENCE_DISPLAY);
            PhiType type = displayType(ref);
            apply(ref.getDisplayElement(), m == Method.SURROGATE && type == null ? Method.TEXT : m, type);
        }
    }

    /** What a reference's display names: a person, an organisation, a place; null when unknown. */
    private static PhiType displayType(Reference ref) {
        String target = ref.hasReference() ? ref.getReference() : ref.hasType() ? ref.getType() : "";
        if (target.contains("Organization")) {
            return PhiType.ORGANIZATION;
        }
        if (target.contains("Location")) {
            return PhiType.ADDRESS;
        }
        for (String t : PERSON_TYPES) {
            if (target.contains(t + "/") || target.equals(t) || t.equals(ref.getType())) {
                return PhiType.NAME;
            }
        }
        return null;
    }

    private void apply(Base b, Method method, PhiType type) {
        visited.handle(b);
        methods.get(method).apply(b, type);
    }
}
