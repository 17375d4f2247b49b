package org.medgo.inference.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import org.medgo.inference.bundle.BundleException;
import org.medgo.inference.bundle.GenaiConfig;

import java.util.List;
import java.util.Map;

/**
 * What a decoder graph declares, checked against {@code genai_config.json} (layer count, IO names, KV
 * head shape, vocabulary, dtypes), so a bundle whose files come from different models fails at load
 * with a message naming the disagreement. Shared by all backends.
 *
 * @param kvType         element type of the KV cache inputs
 * @param logitsType     element type of the logits
 * @param logitsLastOnly logits are {@code [batch, 1, vocab]} (last position only)
 * @param vocab          logits per position
 */
public record DecoderGraph(OnnxJavaType kvType, OnnxJavaType logitsType, boolean logitsLastOnly, int vocab) {

    public static DecoderGraph check(OrtSession session, GenaiConfig config) throws OrtException {
        Map<String, NodeInfo> in = session.getInputInfo();
        Map<String, NodeInfo> out = session.getOutputInfo();
        int graphLayers = 0;
        while (in.containsKey(config.pastKey(graphLayers))) {
            graphLayers++;
        }
        if (!config.sharedKvBuffer()) {
            // GroupQueryAttention detects the shared buffer at run time, so this usually still works; if the graph
            // concatenates past and new keys instead, the first run fails with a shape error.
            java.util.logging.Logger.getLogger(DecoderGraph.class.getName()).warning("genai_config.json does not set"
                    + " search.past_present_share_buffer=true; the engine passes one buffer as past and present anyway");
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
            for (String name : List.of(config.pastValue(l))) {
                if (!in.containsKey(name)) {
                    throw new BundleException("the graph has no input \"" + name + "\"");
                }
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
        NodeInfo logits = out.get(config.logits());
        if (logits == null) {
            throw new BundleException("the graph has no output \"" + config.logits() + "\"");
        }
        TensorInfo past = (TensorInfo) in.get(config.pastKey(0)).getInfo();
        long[] ps = past.getShape();
        if (ps.length != 4 || (ps[1] > 0 && ps[1] != config.kvHeads()) || (ps[3] > 0 && ps[3] != config.headSize())) {
            throw new BundleException("graph KV input " + config.pastKey(0) + " has shape "
                    + java.util.Arrays.toString(ps) + " but genai_config.json says " + config.kvHeads()
                    + " kv heads of size " + config.headSize());
        }
        TensorInfo li = (TensorInfo) logits.getInfo();
        long[] ls = li.getShape();
        long vocab = ls[ls.length - 1];
        if (vocab > 0 && vocab != config.vocabSize()) {
            throw new BundleException("graph logits have " + vocab + " entries but genai_config.json says vocab_size "
                    + config.vocabSize());
        }
        OnnxJavaType kv = past.type;
        OnnxJavaType lt = li.type;
        for (OnnxJavaType t : List.of(kv, lt)) {
            if (t != OnnxJavaType.FLOAT && t != OnnxJavaType.FLOAT16 && t != OnnxJavaType.BFLOAT16) {
                throw new BundleException("unsupported tensor type " + t + " for KV cache or logits");
            }
        }
        boolean lastOnly = ls.length == 3 && ls[1] == 1;
        return new DecoderGraph(kv, lt, lastOnly, config.vocabSize());
    }
}
