package org.medgo.deidentify.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * stdout; spans are UTF-16 offsets into the input text. Every line is checked before anything is
 * written, so bad input leaves stdout empty.
 */
@Command(name = "text", mixinStandardHelpOptions = true,
        description = "De-identify JSONL {\"id\",\"text\"} from stdin; writes {\"id\",\"text\",\"spans\"} per line.")
public final class DeidentifyTextCommand implements Callable<Integer> {
    static final int MAX_BYTES = 50 * 1024 * 1024 - 1;
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
        List<JsonNode> records = new ArrayList<>();
        try {
            String all = StdinReader.readUtf8(in, MAX_BYTES);
            int lineNo = 0;
            for (String line : all.split("\r?\n")) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new InvalidInputException("line " + lineNo + ": not a JSON object");
                }
                if (node == null || !node.isObject() || !node.path("text").isTextual() || node.path("id").isMissingNode()) {
                    throw new InvalidInputException("line " + lineNo + ": expected {\"id\": ..., \"text\": \"...\"}");
                }
                records.add(node);
            }
        } catch (InvalidInputException e) {
            err.println("deidentify text: " + e.getMessage());
            return 2;
        }
        DeidSecrets secrets = CliSecrets.load(err);
        TextDeidentifier deid = TextDeidentifier.standard();
        StringBuilder buffer = new StringBuilder();
        for (JsonNode r : records) {
            DeidSession session = DeidSession.newRequest(secrets);
            TextResult result = deid.deidentify(r.get("text").asText(), language, session);
            ObjectNode o = JSON.createObjectNode();
            o.set("id", r.get("id"));
            o.put("text", result.text());
            ArrayNode spans = o.putArray("spans");
            for (Span s : result.spans()) {
                spans.addObject().put("start", s.start()).put("end", s.end()).put("type", s.type().name());
            }
            buffer.append(JSON.writeValueAsString(o)).append('\n');
        }
        out.write(buffer.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        return 0;
    }
}
