package org.medgo.inference.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of {@code genai_config.json} (onnxruntime-genai model builder layout) the engine uses.
 *
 * @param modelFile          decoder graph file name, relative to the bundle
 * @param contextLength      model's maximum context
 * @param vocabSize          logits per position
 * @param layers             {@code num_hidden_layers}
 * @param attentionHeads     {@code num_attention_heads}
 * @param kvHeads            {@code num_key_value_heads}
 * @param headSize           {@code head_size}
 * @param hiddenSize         {@code hidden_size}
 * @param eosTokenIds        ids that end generation
 * @param padTokenId         padding id
 * @param inputIds           input name of the token ids
 * @param attentionMask      input name of the attention mask
 * @param positionIds        input name of position ids, or null when the graph computes positions itself
 * @param pastKeyNames       format, e.g. {@code past_key_values.%d.key}
 * @param pastValueNames     format
 * @param presentKeyNames    format, e.g. {@code present.%d.key}
 * @param presentValueNames  format
 * @param logits             output name of the logits
 * @param sharedKvBuffer     {@code search.past_present_share_buffer}
 * @param selectionTopK      {@code medgo.selection.top_k}: candidates of the graph's device-side TopK, 0 = none
 * @param selectionVocab     {@code medgo.selection.vocab}: ids device-side selection looks at, 0 = none
 */
public record GenaiConfig(String modelFile, int contextLength, int vocabSize, int layers, int attentionHeads,
                          int kvHeads, int headSize, int hiddenSize, List<Integer> eosTokenIds, int padTokenId,
                          String inputIds, String attentionMask, String positionIds, String pastKeyNames,
                          String pastValueNames, String presentKeyNames, String presentValueNames, String logits,
                          boolean sharedKvBuffer, int selectionTopK, int selectionVocab) {

    public String pastKey(int layer) {
        return pastKeyNames.formatted(layer);
    }

    public String pastValue(int layer) {
        return pastValueNames.formatted(layer);
    }

    public String presentKey(int layer) {
        return presentKeyNames.formatted(layer);
    }

    public String presentValue(int layer) {
        return presentValueNames.formatted(layer);
    }

    static GenaiConfig read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new BundleException("cannot read " + file + ": " + e.getMessage(), e);
        }
        JsonNode model = required(root, "model", file);
        JsonNode decoder = required(model, "decoder", file);
        JsonNode inputs = required(decoder, "inputs", file);
        JsonNode outputs = required(decoder, "outputs", file);
        List<Integer> eos = new ArrayList<>();
        JsonNode eosNode = model.path("eos_token_id");
        if (eosNode.isArray()) {
            eosNode.forEach(n -> eos.add(n.asInt()));
        } else if (eosNode.isNumber()) {
            eos.add(eosNode.asInt());
        }
        boolean shared = root.path("search").path("past_present_share_buffer").asBoolean(false);
        return new GenaiConfig(
                decoder.path("filename").asText("model.onnx"),
                positive(model, "context_length", file),
                positive(model, "vocab_size", file),
                positive(decoder, "num_hidden_layers", file),
                positive(decoder, "num_attention_heads", file),
                positive(decoder, "num_key_value_heads", file),
                positive(decoder, "head_size", file),
                positive(decoder, "hidden_size", file),
                List.copyOf(eos),
                model.path("pad_token_id").asInt(eos.isEmpty() ? 0 : eos.getFirst()),
                inputs.path("input_ids").asText("input_ids"),
                inputs.path("attention_mask").asText("attention_mask"),
                inputs.hasNonNull("position_ids") ? inputs.get("position_ids").asText() : null,
                inputs.path("past_key_names").asText("past_key_values.%d.key"),
                inputs.path("past_value_names").asText("past_key_values.%d.value"),
                outputs.path("present_key_names").asText("present.%d.key"),
                outputs.path("present_value_names").asText("present.%d.value"),
                outputs.path("logits").asText("logits"),
                shared,
                root.path("medgo").path("selection").path("top_k").asInt(0),
                root.path("medgo").path("selection").path("vocab").asInt(0));
    }

    private static JsonNode required(JsonNode node, String field, Path file) {
        JsonNode child = node.get(field);
        if (child == null || !child.isObject()) {
            throw new BundleException(file + ": missing object \"" + field + "\"");
        }
        return child;
    }

    private static int positive(JsonNode node, String field, Path file) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToInt() || v.asInt() <= 0) {
            throw new BundleException(file + ": \"" + field + "\" must be a positive integer, got " + v);
        }
        return v.asInt();
    }
}
