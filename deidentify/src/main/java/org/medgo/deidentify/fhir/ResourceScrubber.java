package org.medgo.deidentify.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Age;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MarkdownType;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;
import org.medgo.deidentify.DeidSession;
import org.medgo.deidentify.PhiType;
import org.medgo.deidentify.fhir.RuleSet.DataKind;
import org.medgo.deidentify.text.Language;
import org.medgo.deidentify.text.Span;
import org.medgo.deidentify.text.TextDeidentifier;
import org.medgo.deidentify.text.TextResult;

/**
 * One pass over one resource tree (a Bundle, a Parameters or a single resource): rules first, then the
 * data-type defaults for everything no rule touched. Single use, single thread.
 */
final class ResourceScrubber {
    /** Base written in front of hashed absolute references: clearly not the hospital's server. */
    static final String DEID_BASE = "http://deidentified.invalid/fhir/";
    private static final Pattern REFERENCE = Pattern.compile(
            "^(?:(https?://.*?/))?([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})(?:/_history/[A-Za-z0-9\\-.]{1,64})?$");
    private static final Set<String> PERSON_TYPES = Set.of("Patient", "Practitioner", "PractitionerRole", "RelatedPerson", "Person");

    private final List<BundleDeidentifier.CompiledRule> rules;
    private final RuleSet ruleSet;
    private final DeidSession session;
    private final TextDeidentifier text;
    private final Language language;
    private final BundleDeidentifier.PathEvaluator paths;
    /** Elements finished: neither rules nor defaults look at them again (nor below them). */
    private final Set<Base> done = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Complex elements a rule already handled as a whole: defaults still visit their children. */
    private final Set<Base> handled = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, String> fullUrlToKey = new HashMap<>();
    private String singlePatientKey;

    ResourceScrubber(RuleSet ruleSet, List<BundleDeidentifier.CompiledRule> rules, BundleDeidentifier.PathEvaluator paths,
            DeidSession session, TextDeidentifier text, Language language) {
        this.ruleSet = ruleSet;
        this.rules = rules;
        this.paths = paths;
        this.session = session;
        this.text = text;
        this.language = language;
    }

    void scrub(Resource root) {
        indexPatients(root);
        processResource(root);
    }

    // ---- patients and their date offsets ----

    private void indexPatients(Resource root) {
        List<String> patients = new ArrayList<>();
        if (root instanceof Bundle b) {
            for (Bundle.BundleEntryComponent e : b.getEntry()) {
                Resource r = e.getResource();
                if (r == null) {
                    continue;
                }
                String key = r.getIdElement().hasIdPart() ? r.fhirType() + "/" + r.getIdElement().getIdPart() : e.getFullUrl();
                if (e.hasFullUrl() && key != null) {
                    fullUrlToKey.put(e.getFullUrl(), key);
                }
                if (r.fhirType().equals("Patient") && key != null) {
                    patients.add(key);
                }
            }
        } else if (root.fhirType().equals("Patient") && root.getIdElement().hasIdPart()) {
            patients.add("Patient/" + root.getIdElement().getIdPart());
        }
        singlePatientKey = patients.size() == 1 ? patients.get(0) : null;
    }

    private String patientKeyOf(Resource r) {
        if (r.fhirType().equals("Patient")) {
            if (r.getIdElement().hasIdPart()) {
                return "Patient/" + r.getIdElement().getIdPart();
            }
            return singlePatientKey;
        }
        for (String name : new String[] {"subject", "patient", "beneficiary"}) {
            Property p = r.getNamedProperty(name);
            if (p == null || !p.hasValues()) {
                continue;
            }
            for (Base v : p.getValues()) {
                if (v instanceof Reference ref && ref.hasReference()) {
                    String key = normaliseReference(ref.getReference());
                    if (key != null && key.startsWith("Patient/")) {
                        return key;
                    }
                }
            }
        }
        return singlePatientKey;
    }

    private String normaliseReference(String ref) {
        String mapped = fullUrlToKey.get(ref);
        if (mapped != null) {
            return mapped;
        }
        Matcher m = REFERENCE.matcher(ref);
        return m.matches() ? m.group(2) + "/" + m.group(3) : ref;
    }

    // ---- resources ----

    private void processResource(Resource r) {
        String key = patientKeyOf(r);
        if (key != null) {
            session.usePatient(key);
        }
        for (BundleDeidentifier.CompiledRule rule : rules) {
            for (Base b : paths.evaluate(r, rule)) {
                if (!done.contains(b) && !handled.contains(b)) {
                    apply(b, rule.rule().method(), rule.rule().type(), rule.birthDate());
                }
            }
        }
        if (r.getIdElement().hasIdPart() && ruleSet.defaultFor(DataKind.RESOURCE_ID) == Method.CRYPTO_HASH) {
            r.setId(hashId(r.fhirType(), r.getIdElement().getIdPart()));
        }
        done.add(r.getIdElement());
        if (r instanceof Bundle b) {
            for (Bundle.BundleEntryComponent e : b.getEntry()) {
                if (e.hasFullUrl() && ruleSet.defaultFor(DataKind.REFERENCE) == Method.CRYPTO_HASH) {
                    e.setFullUrl(hashFullUrl(e.getFullUrl()));
                }
                done.add(e.getFullUrlElement());
                if (e.hasRequest() && e.getRequest().hasUrl()) {
                    e.getRequest().setUrl(hashReference(e.getRequest().getUrl()));
                    done.add(e.getRequest().getUrlElement());
                }
                if (e.hasResponse() && e.getResponse().hasLocation()) {
                    e.getResponse().setLocation(hashReference(e.getResponse().getLocation()));
                    done.add(e.getResponse().getLocationElement());
                }
            }
            b.getLink().clear();
        }
        walkChildren(r);
    }

    // ---- defaults by data type ----

    private void walk(Base b) {
        if (b == null || done.contains(b)) {
            return;
        }
        if (b instanceof Resource r) {
            processResource(r);
            return;
        }
        boolean first = handled.add(b);
        if (b instanceof Narrative n) {
            if (first) {
                apply(n, ruleSet.defaultFor(DataKind.NARRATIVE), null, false);
            }
            return;
        }
        if (b instanceof BaseDateTimeType d) {
            apply(d, ruleSet.defaultFor(DataKind.DATE), PhiType.DATE, false);
            return;
        }
        if (b instanceof MarkdownType s) {
            apply(s, ruleSet.defaultFor(DataKind.MARKDOWN), PhiType.OTHER_ID, false);
            return;
        }
        if (b instanceof CodeType || b instanceof Enumeration<?> || b instanceof UriType || b instanceof BooleanType
                || b instanceof Base64BinaryType || b instanceof DecimalType || b instanceof IntegerType) {
            return;
        }
        if (b instanceof StringType s) {
            apply(s, ruleSet.defaultFor(DataKind.STRING), PhiType.OTHER_ID, false);
            return;
        }
        if (b instanceof PrimitiveType<?>) {
            return;
        }
        if (first) {
            if (b instanceof Identifier) {
                apply(b, ruleSet.defaultFor(DataKind.IDENTIFIER), null, false);
            } else if (b instanceof HumanName) {
                apply(b, ruleSet.defaultFor(DataKind.HUMAN_NAME), PhiType.NAME, false);
            } else if (b instanceof Address) {
                apply(b, ruleSet.defaultFor(DataKind.ADDRESS), PhiType.ADDRESS, false);
            } else if (b instanceof ContactPoint) {
                apply(b, ruleSet.defaultFor(DataKind.CONTACT_POINT), null, false);
            } else if (b instanceof Attachment) {
                apply(b, ruleSet.defaultFor(DataKind.ATTACHMENT), null, false);
            } else if (b instanceof Reference ref) {
                defaultReference(ref);
            }
        }
        if (!done.contains(b)) {
            walkChildren(b);
        }
    }

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

    private void defaultReference(Reference ref) {
        if (ref.hasReference() && ruleSet.defaultFor(DataKind.REFERENCE) == Method.CRYPTO_HASH) {
            ref.setReference(hashReference(ref.getReference()));
        }
        done.add(ref.getReferenceElement_());
        if (ref.hasDisplay()) {
            Method m = ruleSet.defaultFor(DataKind.REFERENCE_DISPLAY);
            String target = ref.hasReference() ? ref.getReference() : ref.hasType() ? ref.getType() : "";
            PhiType type = null;
            for (String t : PERSON_TYPES) {
                if (target.contains(t + "/") || target.equals(t) || ref.getType() != null && ref.getType().equals(t)) {
                    type = PhiType.NAME;
                }
            }
            if (target.contains("Organization")) {
                type = PhiType.ORGANIZATION;
            } else if (target.contains("Location")) {
                type = PhiType.ADDRESS;
            }
            if (m == Method.SURROGATE && type == null) {
                m = Method.TEXT;
            }
            apply(ref.getDisplayElement(), m, type, false);
        }
    }

    // ---- methods ----

    private void apply(Base b, Method method, PhiType type, boolean birthDate) {
        handled.add(b);
        switch (method) {
            case KEEP -> markDone(b);
            case REDACT -> redact(b);
            case SURROGATE -> surrogate(b, type);
            case DATE_SHIFT -> shiftDates(b, birthDate);
            case GENERALIZE -> generalize(b);
            case CRYPTO_HASH -> cryptoHash(b, type);
            case TEXT -> freeText(b);
        }
    }

    private void markDone(Base b) {
        if (done.add(b)) {
            for (Property p : b.children()) {
                for (Base v : p.getValues()) {
                    if (!(v instanceof Resource)) {
                        markDone(v);
                    }
                }
            }
        }
    }

    private void redact(Base b) {
        if (b instanceof Narrative n) {
            n.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">[REDACTED]</div>");
            done.add(n);
            return;
        }
        if (b instanceof PrimitiveType<?> p) {
            p.setValueAsString(null);
            if (p instanceof Element e) {
                e.getExtension().clear();
            }
            done.add(p);
            return;
        }
        if (b instanceof Element e) {
            e.getExtension().clear();
        }
        for (Property p : b.children()) {
            for (Base v : p.getValues()) {
                if (!(v instanceof Resource)) {
                    redact(v);
                }
            }
        }
        done.add(b);
    }

    private void surrogate(Base b, PhiType type) {
        switch (b) {
            case HumanName n -> {
                String full = fullName(n);
                if (!full.isBlank()) {
                    String s = session.surrogate(PhiType.NAME, full);
                    session.count(PhiType.NAME);
                    n.setText(s);
                    n.setFamily(null);
                    n.getGiven().clear();
                }
                done.add(n.getTextElement());
            }
            case Identifier id -> {
                if (id.hasValue()) {
                    PhiType t = identifierType(id, shapeOf(id.getValue(), type));
                    id.setValue(session.surrogate(t, id.getValue()));
                    session.count(t);
                }
                done.add(id.getValueElement());
                if (id.hasAssigner() && id.getAssigner().hasDisplay()) {
                    surrogate(id.getAssigner().getDisplayElement(), PhiType.ORGANIZATION);
                }
            }
            case ContactPoint cp -> {
                if (cp.hasValue()) {
                    PhiType t = switch (cp.hasSystem() ? cp.getSystem() : ContactPoint.ContactPointSystem.NULL) {
                        case EMAIL -> PhiType.EMAIL;
                        case URL -> PhiType.URL;
                        case PHONE, FAX, PAGER, SMS -> PhiType.PHONE;
                        default -> type == null ? PhiType.OTHER_ID : type;
                    };
                    cp.setValue(session.surrogate(t, cp.getValue()));
                    session.count(t);
                }
                done.add(cp.getValueElement());
            }
            case Address a -> {
                String full = addressLine(a);
                if (!full.isBlank()) {
                    a.getLine().clear();
                    a.addLine(session.surrogate(PhiType.ADDRESS, full));
                    session.count(PhiType.ADDRESS);
                }
                a.setText(null);
                a.setCity(null);
                a.setDistrict(null);
                if (a.hasPostalCode()) {
                    a.setPostalCode(threeDigits(a.getPostalCode()));
                    session.count(PhiType.POSTCODE);
                }
                done.add(a.getPostalCodeElement());
                a.getLine().forEach(done::add);
            }
            case Attachment at -> {
                if (at.hasUrl()) {
                    at.setUrl(session.surrogate(PhiType.URL, at.getUrl()));
                    session.count(PhiType.URL);
                }
                freeText(at);
            }
            case Reference ref -> {
                if (ref.hasReference()) {
                    ref.setReference(hashReference(ref.getReference()));
                }
                if (ref.hasDisplay()) {
                    surrogate(ref.getDisplayElement(), type == null ? PhiType.NAME : type);
                }
                done.add(ref.getReferenceElement_());
            }
            case PrimitiveType<?> p -> {
                if (p.hasValue() && !p.getValueAsString().isBlank()) {
                    PhiType t = type == null ? PhiType.OTHER_ID : type;
                    p.setValueAsString(session.surrogate(t, p.getValueAsString()));
                    session.count(t);
                }
                done.add(p);
            }
            default -> {
                for (Property p : b.children()) {
                    for (Base v : p.getValues()) {
                        if (v instanceof StringType s && !(v instanceof CodeType) || v instanceof Type && !(v instanceof PrimitiveType<?>)) {
                            surrogate(v, type);
                        }
                    }
                }
            }
        }
    }

    private void shiftDates(Base b, boolean birthDate) {
        if (b instanceof BaseDateTimeType d) {
            shift(d, birthDate);
            done.add(d);
            return;
        }
        if (b instanceof StringType s && !(b instanceof CodeType)) {
            if (s.hasValue()) {
                s.setValue(TextDeidentifier.shiftDates(s.getValue(), session.dateOffsetDays()));
            }
            done.add(s);
            return;
        }
        for (Property p : b.children()) {
            for (Base v : p.getValues()) {
                if (!(v instanceof Resource)) {
                    shiftDates(v, birthDate);
                }
            }
        }
    }

    private void shift(BaseDateTimeType d, boolean birthDate) {
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
        if (birthDate && original.plusYears(90).isBefore(LocalDate.now(ZoneOffset.UTC).plusDays(1))) {
            // Safe Harbor: ages over 89 are aggregated, so a birth date may not reveal them either.
            d.setValueAsString(String.valueOf(LocalDate.now(ZoneOffset.UTC).getYear() - 90));
            session.count(PhiType.AGE);
        }
    }

    private void generalize(Base b) {
        switch (b) {
            case Quantity q -> {
                if (q.hasValue() && q.getValue().doubleValue() > 89) {
                    q.setValue(90);
                    q.setComparator(Quantity.QuantityComparator.GREATER_OR_EQUAL);
                    session.count(PhiType.AGE);
                }
                markDone(q);
            }
            case IntegerType i -> {
                if (i.hasValue() && i.getValue() > 89) {
                    i.setValue(90);
                    session.count(PhiType.AGE);
                }
                done.add(i);
            }
            case BaseDateTimeType d -> {
                if (d.getValue() != null) {
                    d.setValueAsString(String.valueOf(d.getYear()));
                    session.count(PhiType.DATE);
                }
                done.add(d);
            }
            case Address a -> {
                a.getLine().clear();
                a.setText(null);
                a.setCity(null);
                a.setDistrict(null);
                if (a.hasPostalCode()) {
                    a.setPostalCode(threeDigits(a.getPostalCode()));
                }
                session.count(PhiType.ADDRESS);
                markDone(a);
            }
            case PrimitiveType<?> p -> {
                if (p.hasValue()) {
                    p.setValueAsString(threeDigits(p.getValueAsString()));
                    session.count(PhiType.POSTCODE);
                }
                done.add(p);
            }
            default -> markDone(b);
        }
    }

    private void cryptoHash(Base b, PhiType type) {
        switch (b) {
            case Identifier id -> {
                if (id.hasValue()) {
                    id.setValue(session.secrets().hash("identifier:" + id.getSystem(), id.getValue()));
                    session.count(identifierType(id, type));
                }
                done.add(id.getValueElement());
            }
            case Reference ref -> {
                if (ref.hasReference()) {
                    ref.setReference(hashReference(ref.getReference()));
                }
                done.add(ref.getReferenceElement_());
            }
            case PrimitiveType<?> p -> {
                if (p.hasValue()) {
                    p.setValueAsString(session.secrets().hash("value", p.getValueAsString()));
                    session.count(type == null ? PhiType.OTHER_ID : type);
                }
                done.add(p);
            }
            default -> {
                for (Property p : b.children()) {
                    for (Base v : p.getValues()) {
                        if (v instanceof PrimitiveType<?> || v instanceof Identifier) {
                            cryptoHash(v, type);
                        }
                    }
                }
            }
        }
    }

    // ---- free text ----

    private void freeText(Base b) {
        switch (b) {
            case Narrative n -> {
                if (n.getDiv() != null && !n.getDiv().isEmpty()) {
                    scrubXhtml(n.getDiv());
                }
                done.add(n);
            }
            case Attachment at -> {
                scrubAttachment(at);
                if (at.hasTitle()) {
                    freeText(at.getTitleElement());
                }
                done.add(at.getDataElement());
                done.add(at.getUrlElement());
                done.add(at.getHashElement());
            }
            case StringType s when !(s instanceof CodeType) -> {
                if (s.hasValue() && !s.getValue().isBlank()) {
                    s.setValue(text.deidentify(s.getValue(), language, session).text());
                }
                done.add(s);
            }
            case PrimitiveType<?> p -> done.add(p);
            default -> walkChildren(b);
        }
    }

    private void scrubAttachment(Attachment at) {
        if (at.hasUrl()) {
            at.setUrl(session.surrogate(PhiType.URL, at.getUrl()));
            session.count(PhiType.URL);
        }
        if (!at.hasData()) {
            return;
        }
        String ct = at.hasContentType() ? at.getContentType().toLowerCase(Locale.ROOT) : "";
        boolean textual = ct.isEmpty() || ct.startsWith("text/") || ct.contains("json") || ct.contains("xml");
        String decoded = textual ? strictUtf8(at.getData()) : null;
        if (decoded == null) {
            // Scanned PDFs, images, binary formats: nothing here can prove them free of PHI.
            at.setData(null);
            at.setSize(0);
            at.setHash(null);
            at.setTitle((at.hasTitle() ? "" : "") + "[binary attachment removed by de-identification]");
            return;
        }
        String clean = text.deidentify(decoded, language, session).text();
        byte[] bytes = clean.getBytes(StandardCharsets.UTF_8);
        at.setData(bytes);
        at.setSize(bytes.length);
        at.setHash(null);
        if (ct.isEmpty()) {
            at.setContentType("text/plain; charset=utf-8");
        }
    }

    private static String strictUtf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** De-identifies the text of an XHTML narrative as one document, so a cue in one node counts for the next. */
    private void scrubXhtml(XhtmlNode div) {
        List<XhtmlNode> nodes = new ArrayList<>();
        collectText(div, nodes);
        if (nodes.isEmpty()) {
            return;
        }
        StringBuilder all = new StringBuilder();
        int[] starts = new int[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            starts[i] = all.length();
            all.append(nodes.get(i).getContent()).append('\n');
        }
        TextResult r = text.deidentify(all.toString(), language, session);
        // Rebuild each node's content, replacing span parts; a span crossing nodes is written where it starts.
        StringBuilder[] out = new StringBuilder[nodes.size()];
        int node = 0;
        int pos = 0;
        String src = all.toString();
        for (int i = 0; i < nodes.size(); i++) {
            out[i] = new StringBuilder();
        }
        List<Span> spans = r.spans();
        int si = 0;
        while (pos < src.length()) {
            while (node + 1 < nodes.size() && starts[node + 1] <= pos) {
                node++;
            }
            if (si < spans.size() && spans.get(si).start() == pos) {
                out[node].append(r.replacements().get(si));
                pos = spans.get(si).end();
                si++;
                continue;
            }
            int next = si < spans.size() ? spans.get(si).start() : src.length();
            int nodeEnd = node + 1 < nodes.size() ? starts[node + 1] : src.length();
            int stop = Math.min(next, nodeEnd);
            out[node].append(src, pos, stop);
            pos = stop;
        }
        for (int i = 0; i < nodes.size(); i++) {
            String s = out[i].toString();
            nodes.get(i).setContent(s.endsWith("\n") ? s.substring(0, s.length() - 1) : s);
        }
        scrubAttributes(div);
    }

    private void collectText(XhtmlNode n, List<XhtmlNode> out) {
        if (n.getNodeType() == NodeType.Text && n.getContent() != null) {
            out.add(n);
        }
        if (n.hasChildren()) {
            for (XhtmlNode c : n.getChildNodes()) {
                collectText(c, out);
            }
        }
    }

    private void scrubAttributes(XhtmlNode n) {
        if (n.getNodeType() == NodeType.Element && n.hasAttributes()) {
            for (Map.Entry<String, String> a : new ArrayList<>(n.getAttributes().entrySet())) {
                if (a.getValue() != null && !a.getKey().equals("xmlns") && !a.getKey().equals("class")) {
                    n.getAttributes().put(a.getKey(), text.deidentify(a.getValue(), language, session).text());
                }
            }
        }
        if (n.hasChildren()) {
            for (XhtmlNode c : n.getChildNodes()) {
                scrubAttributes(c);
            }
        }
    }

    // ---- helpers ----

    String hashReference(String ref) {
        if (ref == null || ref.startsWith("#")) {
            return ref;
        }
        if (ref.startsWith("urn:uuid:") || ref.startsWith("urn:oid:")) {
            return "urn:uuid:" + uuidFrom(session.secrets().hash("ref", normaliseReference(ref)));
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
        return session.secrets().hash("ref", ref);
    }

    private String hashFullUrl(String fullUrl) {
        String key = fullUrlToKey.get(fullUrl);
        if (fullUrl.startsWith("urn:")) {
            return "urn:uuid:" + uuidFrom(session.secrets().hash("ref", key != null ? key : fullUrl));
        }
        Matcher m = REFERENCE.matcher(fullUrl);
        if (m.matches()) {
            return DEID_BASE + m.group(2) + "/" + hashId(m.group(2), m.group(3));
        }
        return "urn:uuid:" + uuidFrom(session.secrets().hash("ref", fullUrl));
    }

    private String hashId(String type, String id) {
        return session.secrets().hash("id", type + "/" + id);
    }

    private static String uuidFrom(String hex32) {
        long hi = Long.parseUnsignedLong(hex32.substring(0, 16), 16);
        long lo = Long.parseUnsignedLong(hex32.substring(16, 32), 16);
        return new UUID(hi, lo).toString();
    }

    private static String fullName(HumanName n) {
        if (n.hasFamily() || n.hasGiven()) {
            String given = n.getGivenAsSingleString();
            String family = n.hasFamily() ? n.getFamily() : "";
            boolean han = !family.isEmpty() && family.charAt(0) >= '\u4e00' && family.charAt(0) <= '\u9fa5';
            return han ? family + given.replace(" ", "") : (given + " " + family).strip();
        }
        return n.hasText() ? n.getText() : "";
    }

    private static String addressLine(Address a) {
        List<String> parts = new ArrayList<>();
        a.getLine().forEach(l -> parts.add(l.getValue()));
        if (parts.isEmpty() && a.hasText()) {
            parts.add(a.getText());
        }
        if (a.hasDistrict()) {
            parts.add(a.getDistrict());
        }
        if (a.hasCity()) {
            parts.add(a.getCity());
        }
        return String.join(", ", parts.stream().filter(s -> s != null && !s.isBlank()).toList());
    }

    static String threeDigits(String postcode) {
        String digits = postcode.replaceAll("[^0-9A-Za-z]", "");
        return digits.length() <= 3 ? digits : digits.substring(0, 3);
    }

    /** A value that is recognisably a resident ID, SSN, phone... keeps that type whatever the rule said. */
    private PhiType shapeOf(String value, PhiType fallback) {
        List<Span> spans = text.detect(value, language);
        if (spans.size() == 1 && spans.get(0).start() == 0 && spans.get(0).end() == value.length()) {
            PhiType t = spans.get(0).type();
            if (t == PhiType.ID_NUMBER || t == PhiType.SSN || t == PhiType.PHONE || t == PhiType.EMAIL) {
                return t;
            }
        }
        return fallback;
    }

    private static PhiType identifierType(Identifier id, PhiType fallback) {
        if (id.hasType()) {
            for (Coding c : id.getType().getCoding()) {
                String code = c.getCode() == null ? "" : c.getCode();
                switch (code) {
                    case "MR", "VN", "ACSN", "PI", "PT" -> {
                        return PhiType.MRN;
                    }
                    case "SS", "SB" -> {
                        return PhiType.SSN;
                    }
                    case "DL", "MD", "LN", "NPI", "PRN", "DEA" -> {
                        return PhiType.LICENSE;
                    }
                    case "PPN", "NI", "NNCHN", "CZ", "NIIP" -> {
                        return PhiType.ID_NUMBER;
                    }
                    case "MB", "MA", "MC", "SN", "NH" -> {
                        return PhiType.INSURANCE;
                    }
                    case "AN", "BA", "BC", "BR" -> {
                        return PhiType.ACCOUNT;
                    }
                    case "SNO", "UDI" -> {
                        return PhiType.DEVICE;
                    }
                    default -> {
                    }
                }
            }
        }
        return fallback == null ? PhiType.OTHER_ID : fallback;
    }
}
