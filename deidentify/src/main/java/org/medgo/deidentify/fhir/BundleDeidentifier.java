package org.medgo.deidentify.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Resource;
import org.medgo.deidentify.DeidSession;
import org.medgo.deidentify.InvalidInputException;
import org.medgo.deidentify.PhiType;
import org.medgo.deidentify.text.Language;
import org.medgo.deidentify.text.TextDeidentifier;

/**
 * De-identifies a FHIR R4 resource or Bundle (or Parameters holding one) by a {@link RuleSet}: each
 * rule's FHIRPath selects elements in every resource, including contained ones; then every element no
 * rule touched gets its data type's default (free text scanned, dates shifted, identifiers surrogated,
 * ids and references keyed-hashed). The input is not modified: a copy is returned.
 *
 * <pre>{@code
 * BundleDeidentifier deid = BundleDeidentifier.standard();
 * DeidSession session = DeidSession.newRequest(DeidSecrets.fromEnvironment(System.getenv()));
 * DeidentifiedResource out = deid.deidentify(bundle, session);
 * vault.store(session, Duration.ofHours(24));   // out.vaultId() == session.requestId()
 * }</pre>
 * Thread-safe: one instance serves all requests.
 */
public final class BundleDeidentifier {
    /** Largest JSON body accepted (characters). */
    public static final int MAX_JSON_CHARS = 20 * 1024 * 1024;
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final RuleSet ruleSet;
    private final List<CompiledRule> rules;
    private final TextDeidentifier text = TextDeidentifier.standard();
    private final Language language;
    private final ThreadLocal<IFhirPath> fhirPath = ThreadLocal.withInitial(FHIR::newFhirPath);

    /** A rule with its FHIRPath parsed once. */
    record CompiledRule(Rule rule, Object parsed) {
    }

    /** Evaluates a compiled rule on a resource. */
    interface PathEvaluator {
        List<Base> evaluate(Resource r, CompiledRule rule);
    }

    public BundleDeidentifier(RuleSet ruleSet, Language language) {
        this.ruleSet = Objects.requireNonNull(ruleSet);
        this.language = Objects.requireNonNull(language);
        IFhirPath fp = fhirPath.get();
        List<CompiledRule> compiled = new ArrayList<>();
        for (Rule r : ruleSet.rules()) {
            try {
                compiled.add(new CompiledRule(r, fp.parse(r.path())));
            } catch (Exception e) {
                throw new IllegalArgumentException("rule set " + ruleSet.name() + ": bad FHIRPath '" + r.path() + "': " + e.getMessage(), e);
            }
        }
        this.rules = List.copyOf(compiled);
    }

    /** The shipped default rules, language auto-detected per text. */
    public static BundleDeidentifier standard() {
        return new BundleDeidentifier(RuleSet.standard(), Language.AUTO);
    }

    public RuleSet ruleSet() {
        return ruleSet;
    }

    /** De-identifies a copy of {@code resource}; surrogates, date offsets and counts go into {@code session}. */
    public DeidentifiedResource deidentify(IBaseResource resource, DeidSession session) {
        if (!(resource instanceof Resource r)) {
            throw new InvalidInputException("not a FHIR R4 resource");
        }
        Map<PhiType, Integer> before = new EnumMap<>(PhiType.class);
        before.putAll(session.counts());
        Resource copy = r.copy();
        PathEvaluator evaluator = (res, rule) -> evaluate(res, rule);
        ResourceScrubber.scrub(copy, ruleSet, rules, evaluator, session, text, language);
        Map<PhiType, Integer> counts = new EnumMap<>(PhiType.class);
        session.counts().forEach((t, n) -> {
            int d = n - before.getOrDefault(t, 0);
            if (d > 0) {
                counts.put(t, d);
            }
        });
        return new DeidentifiedResource(copy, session.requestId(), counts, ruleSet.name() + "@" + ruleSet.version());
    }

    /** Parses FHIR JSON (R4), de-identifies it and returns the JSON. */
    public String deidentifyJson(String json, DeidSession session) {
        return toJson(deidentify(parse(json), session).resource());
    }

    /** Parses FHIR R4 JSON; anything that is not a FHIR resource is refused with a message that quotes none of it. */
    public static IBaseResource parse(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidInputException("empty input: expected a FHIR R4 resource or Bundle in JSON");
        }
        if (json.length() > MAX_JSON_CHARS) {
            throw new InvalidInputException("input larger than " + (MAX_JSON_CHARS / (1024 * 1024)) + " MiB");
        }
        String trimmed = json.strip();
        if (!trimmed.startsWith("{")) {
            throw new InvalidInputException("not FHIR JSON: expected a JSON object with a resourceType");
        }
        try {
            IParser parser = FHIR.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false));
            return parser.parseResource(trimmed);
        } catch (DataFormatException | ClassCastException e) {
            throw new InvalidInputException("not a FHIR R4 resource: " + safe(e.getMessage()), e);
        }
    }

    public static String toJson(IBaseResource resource) {
        return FHIR.newJsonParser().setPrettyPrint(false).encodeResourceToString(resource);
    }

    private List<Base> evaluate(Resource r, CompiledRule rule) {
        IFhirPath fp = fhirPath.get();
        try {
            return fp.evaluate(r, (IFhirPath.IParsedExpression) rule.parsed(), Base.class);
        } catch (Exception e) {
            // A path that does not apply to this resource type is not an error; one that cannot run is.
            throw new IllegalStateException("FHIRPath '" + rule.rule().path() + "' failed on " + r.fhirType() + ": " + e.getMessage(), e);
        }
    }

    /** HAPI messages can echo element names but also values; keep the first line, cut long ones. */
    private static String safe(String msg) {
        if (msg == null) {
            return "parse error";
        }
        String first = msg.lines().findFirst().orElse("");
        first = first.replaceAll("\"[^\"]{20,}\"", "\"…\"");
        return first.length() > 200 ? first.substring(0, 200) + "…" : first;
    }
}
