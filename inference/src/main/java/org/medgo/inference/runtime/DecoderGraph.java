package org.medgo.inference.runtime;

import org.medgo.inference.bundle.BundleException;
import org.medgo.inference.bundle.GenaiConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The contract between the engine and a decoder graph: what the graph declares, checked against
 * {@code genai_config.json} (layer count, IO names, KV head shape, vocabulary, element types), so a bundle whose
 * files come from different models fails at load with a message naming the disagreement. Every backend reads its
 * graph's facts from here.
 *
 * @param kvType         element type of the KV cache inputs
 * @param logitsType     element type of the logits
 * @param idsType        element type of the token ids (and position ids)
 * @param maskType       element type of the attention mask
 * @param logitsLastOnly logits are {@code [batch, 1, vocab]} (last position only)
 * @param vocab          logits per position
 * @param selection      token selection the graph does on the device (outputs {@code topk_values},
 *                       {@code topk_ids}); {@link DeviceSelection#NONE} without
 */
public record DecoderGraph(ElementType kvType, ElementType logitsType, ElementType idsType, ElementType maskType,
                           boolean logitsLastOnly, int vocab, DeviceSelection selection) {

    /** Output names of device-side selection. */
    public static final String TOPK_VALUES = "topk_values";
    public static final String TOPK_IDS = "topk_ids";

    private static final Logger LOG = Logger.getLogger(DecoderGraph.class.getName());

    /** Checks a graph's declared inputs and outputs (by name) against the bundle's configuration. */
    public static DecoderGraph check(Map<String, GraphTensor> in, Map<String, GraphTensor> out, GenaiConfig config) {
        int graphLayers = 0;
        while (in.containsKey(config.pastKey(graphLayers))) {
            graphLayers++;
        }
        if (!config.sharedKvBuffer()) {
            // GroupQueryAttention detects the shared buffer at run time, so this usually still works; if the graph
            // concatenates past and new keys instead, the first run fails with a shape error.
            LOG.warning("genai_config.json does not set search.past_present_share_buffer=true; the engine passes"
                    + " one buffer as past and present anyway");
        }
        if (graphLayers != config.layers()) {
            throw new BundleException("genai_config.json says " + config.layers() + " layers but the graph has "
                    + graphLayers + " (inputs named " + config.pastKeyNames() + "): the files are from different"
                    + " models");
        }
        for (String name : List.of(config.inputIds(), config.attentionMask())) {
            if (!in.containsKey(name)) {
                throw new BundleException("the graph has no input \"" + name + "\" (named in genai_config.json);"
                        + " inputs are " + in.keySet());
            }
        }
        for (int l = 0; l < config.layers(); l++) {
            if (!in.containsKey(config.pastValue(l))) {
                throw new BundleException("the graph has no input \"" + config.pastValue(l) + "\"");
            }
            for (String name : List.of(config.presentKey(l), config.presentValue(l))) {
                if (!out.containsKey(name)) {
                    throw new BundleException("the graph has no output \"" + name + "\"");
                }
            }
        }
        if (config.positionIds() != null && !in.containsKey(config.positionIds())) {
            throw new BundleException("genai_config.json names position input \"" + config.positionIds()
                    + "\" but the graph has no such input");
        }
        GraphTensor logits = out.get(config.logits());
        if (logits == null) {
            throw new BundleException("the graph has no output \"" + config.logits() + "\"");
        }
        GraphTensor past = in.get(config.pastKey(0));
        long[] ps = past.dims();
        if (ps.length != 4 || (ps[1] > 0 && ps[1] != config.kvHeads()) || (ps[3] > 0 && ps[3] != config.headSize())) {
            throw new BundleException("graph KV input " + config.pastKey(0) + " has shape " + Arrays.toString(ps)
                    + " but genai_config.json says " + config.kvHeads() + " kv heads of size " + config.headSize());
        }
        long[] ls = logits.dims();
        long vocab = ls[ls.length - 1];
        if (vocab > 0 && vocab != config.vocabSize()) {
            throw new BundleException("graph logits have " + vocab + " entries but genai_config.json says vocab_size "
                    + config.vocabSize());
        }
        ElementType kv = ElementType.ofOnnx(past.elementType());
        ElementType lt = ElementType.ofOnnx(logits.elementType());
        for (ElementType t : new ElementType[] {kv, lt}) {
            if (t == null || !t.isFloat()) {
                throw new BundleException("unsupported element type " + (t == null ? "code " + past.elementType()
                        + "/" + logits.elementType() : t) + " for KV cache or logits");
            }
        }
        List<String> indexInputs = new ArrayList<>(List.of(config.inputIds(), config.attentionMask()));
        if (config.positionIds() != null) {
            indexInputs.add(config.positionIds());
        }
        for (String name : indexInputs) {
            ElementType t = ElementType.ofOnnx(in.get(name).elementType());
            if (t == null || !t.isIndex()) {
                throw new BundleException("input \"" + name + "\" has element type " + in.get(name).elementType()
                        + "; int64 or int32 expected");
            }
        }
        ElementType ids = ElementType.ofOnnx(in.get(config.inputIds()).elementType());
        if (config.positionIds() != null && ElementType.ofOnnx(in.get(config.positionIds()).elementType()) != ids) {
            throw new BundleException("input ids and position ids have different element types");
        }
        boolean lastOnly = ls.length == 3 && ls[1] == 1;
        return new DecoderGraph(kv, lt, ids, ElementType.ofOnnx(in.get(config.attentionMask()).elementType()),
                lastOnly, config.vocabSize(), selection(out, config, lt));
    }

    private static DeviceSelection selection(Map<String, GraphTensor> out, GenaiConfig config, ElementType logits) {
        if (config.selectionTopK() <= 0) {
            return DeviceSelection.NONE;
        }
        GraphTensor values = out.get(TOPK_VALUES);
        GraphTensor ids = out.get(TOPK_IDS);
        if (values == null || ids == null) {
            throw new BundleException("genai_config.json names device-side selection (medgo.selection) but the graph"
                    + " lacks " + TOPK_VALUES + "/" + TOPK_IDS);
        }
        long k = values.dims()[values.dims().length - 1];
        if (k != config.selectionTopK() || k > 64 || ElementType.ofOnnx(values.elementType()) != logits
                || ElementType.ofOnnx(ids.elementType()) != ElementType.INT32
                || config.selectionVocab() <= 0 || config.selectionVocab() > config.vocabSize()) {
            throw new BundleException("device-side selection outputs do not match genai_config.json (top_k "
                    + config.selectionTopK() + ", vocab " + config.selectionVocab() + "; graph k " + k + ")");
        }
        return new DeviceSelection(config.selectionTopK(), config.selectionVocab());
    }
}
