package org.medgo.deidentify.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.medgo.deidentify.DeidSecrets;
import org.medgo.deidentify.DeidSession;
import org.medgo.deidentify.InvalidInputException;
import org.medgo.deidentify.text.Language;
import org.medgo.deidentify.text.Span;
import org.medgo.deidentify.text.TextDeidentifier;
import org.medgo.deidentify.text.TextResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * JSONL {@code {"id","text"}} on stdin → JSONL {@code {"id","text","spans":[{"start","end","type"}]}} on
 * stdout; spans are UTF-16 offsets into the input text. Lines are processed one at a time as they come:
 * a bad line (not UTF-8, over {@value #MAX_LINE_BYTES} bytes, empty, not JSON, no "text") gets a one-line
 * error on stderr naming its number, and the rest of the stream is still processed. Exit code 0 when every
 * line was processed, 2 when some were refused (or the options are wrong).
 */
@Command(name = "text", mixinStandardHelpOptions = true,
        description = "De-identify JSONL {\"id\",\"text\"} from stdin; writes {\"id\",\"text\",\"spans\"} per line.")
public final class DeidentifyTextCommand implements Callable<Integer> {
    /** Longest line accepted (bytes): a 2,000,000-character note fits with JSON escaping. */
    static final int MAX_LINE_BYTES = 8 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--lang", defaultValue = "auto", description = "auto | en | zh (default: ${DEFAULT-VALUE})")
    String lang;

    private final CommandStreams streams;

    public DeidentifyTextCommand() {
        this(CommandStreams.system());
    }

    DeidentifyTextCommand(CommandStreams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() throws IOException {
        return streams.runWithConsoleOnStderr(this::run);
    }

    private int run(InputStream in, PrintStream out, PrintStream err) throws IOException {
        Language language;
        try {
            language = Language.valueOf(lang.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("deidentify text: --lang must be auto, en or zh");
            return 2;
        }
        DeidSecrets secrets = CliSecrets.load(err);
        TextDeidentifier deid = TextDeidentifier.standard();
        JsonlLines lines = new JsonlLines(in, MAX_LINE_BYTES);
        int refused = 0;
        for (JsonlLines.Line line = lines.next(); line != null; line = lines.next()) {
            try {
                JsonNode record = parse(line);
                String output = deidentify(deid, record, language, DeidSession.newRequest(secrets));
                out.write(output.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            } catch (InvalidInputException e) {
                refused++;
                err.println("deidentify text: line " + line.number() + ": " + e.getMessage());
            }
        }
        out.flush();
        if (refused > 0) {
            err.println("deidentify text: " + refused + " line(s) refused, the others written");
            return 2;
        }
        return 0;
    }

    private static JsonNode parse(JsonlLines.Line line) {
        if (line.oversized()) {
            throw new InvalidInputException("longer than " + MAX_LINE_BYTES / (1024 * 1024) + " MiB; skipped");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line.bytes())).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("not valid UTF-8 (convert it first, e.g. iconv -f GB18030 -t UTF-8)");
        }
        if (text.isBlank()) {
            throw new InvalidInputException("empty line: expected {\"id\": ..., \"text\": \"...\"}");
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("not a JSON object");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("not a JSON object");
        }
        if (!node.path("text").isTextual()) {
            throw new InvalidInputException("no \"text\" string: expected {\"id\": ..., \"text\": \"...\"}");
        }
        if (node.path("text").asText().length() > TextDeidentifier.MAX_CHARS) {
            throw new InvalidInputException("text longer than " + TextDeidentifier.MAX_CHARS + " characters");
        }
        return node;
    }

    private static String deidentify(TextDeidentifier deid, JsonNode r, Language language, DeidSession session) throws IOException {
        TextResult result = deid.deidentify(r.get("text").asText(), language, session);
        ObjectNode o = JSON.createObjectNode();
        o.set("id", r.has("id") ? r.get("id") : null);
        o.put("text", result.text());
        ArrayNode spans = o.putArray("spans");
        for (Span s : result.spans()) {
            spans.addObject().put("start", s.start()).put("end", s.end()).put("type", s.type().name());
        }
        return JSON.writeValueAsString(o);
    }
}
