package org.medgo.inference.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.medgo.inference.bundle.BundleException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * The bundle's byte-level BPE tokenizer. Encoding runs in DJL's binding of Hugging Face
 * {@code tokenizers} (the reference implementation, loaded from the jar's own CPU native library, never
 * downloaded); decoding uses each token's raw bytes, which also feed streaming detokenization and the
 * constrained decoder.
 */
public final class BundleTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final byte[][] tokenBytes;
    private final boolean[] special;
    private final Map<String, Integer> specialIds = new java.util.HashMap<>();

    private BundleTokenizer(HuggingFaceTokenizer tokenizer, byte[][] tokenBytes, boolean[] special) {
        this.tokenizer = tokenizer;
        this.tokenBytes = tokenBytes;
        this.special = special;
    }

    /** Loads {@code tokenizer.json} offline. */
    public static BundleTokenizer load(Path tokenizerJson) {
        DjlOffline.configure();
        byte[][] bytes;
        boolean[] special;
        JsonNode root;
        try (InputStream in = Files.newInputStream(tokenizerJson)) {
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new BundleException("cannot read " + tokenizerJson + ": " + e.getMessage(), e);
        }
        JsonNode vocab = root.path("model").path("vocab");
        if (!vocab.isObject() || vocab.isEmpty()) {
            throw new BundleException(tokenizerJson + " has no model.vocab: not a BPE tokenizer.json");
        }
        if (!"ByteLevel".equals(root.path("decoder").path("type").asText())) {
            throw new BundleException(tokenizerJson + ": only byte-level BPE tokenizers (Qwen) are supported, decoder is "
                    + root.path("decoder").path("type").asText());
        }
        int max = 0;
        for (JsonNode id : vocab) {
            max = Math.max(max, id.asInt());
        }
        for (JsonNode added : root.path("added_tokens")) {
            max = Math.max(max, added.path("id").asInt());
        }
        bytes = new byte[max + 1][];
        special = new boolean[max + 1];
        int[] unicodeToByte = ByteLevel.unicodeToByte();
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            bytes[e.getValue().asInt()] = ByteLevel.decode(e.getKey(), unicodeToByte);
        }
        BundleTokenizer result;
        try {
            HuggingFaceTokenizer hf = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerJson)
                    .optAddSpecialTokens(false)
                    .optTruncation(false)
                    .optPadding(false)
                    .build();
            result = new BundleTokenizer(hf, bytes, special);
        } catch (IOException | RuntimeException e) {
            throw new BundleException("cannot load tokenizer " + tokenizerJson + ": " + e.getMessage(), e);
        }
        for (JsonNode added : root.path("added_tokens")) {
            int id = added.path("id").asInt();
            String content = added.path("content").asText();
            // Added tokens are stored as plain text, not byte-level encoded.
            bytes[id] = content.getBytes(StandardCharsets.UTF_8);
            if (added.path("special").asBoolean(false)) {
                special[id] = true;
            }
            result.specialIds.put(content, id);
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == null) {
                bytes[i] = new byte[0];
            }
        }
        return result;
    }

    /** Token ids of {@code text}; special-token text such as {@code <|im_start|>} maps to its id. */
    public int[] encode(String text) {
        long[] ids = tokenizer.encode(text, false, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }

    /** Decodes ids to text, dropping special tokens; bad UTF-8 becomes U+FFFD (like Hugging Face). */
    public String decode(int[] ids) {
        StreamingDetokenizer d = new StreamingDetokenizer(this);
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            sb.append(d.push(id));
        }
        return sb.append(d.flush()).toString();
    }

    /** Raw bytes of a token (empty for ids the tokenizer does not define). Do not modify. */
    public byte[] tokenBytes(int id) {
        return id >= 0 && id < tokenBytes.length ? tokenBytes[id] : new byte[0];
    }

    public boolean isSpecial(int id) {
        return id >= 0 && id < special.length && special[id];
    }

    /** Ids 0..size-1 are defined by the tokenizer; a model's logits may be longer (padding). */
    public int size() {
        return tokenBytes.length;
    }

    /**
     * Breaks up special-token text (e.g. {@code <|im_start|>}) inside untrusted text with a zero-width
     * space, so it tokenizes as plain characters and cannot forge chat structure.
     */
    public String neutralizeSpecialTokens(String text) {
        if (text.indexOf('<') < 0) {
            return text;
        }
        String out = text;
        for (var e : specialIds.entrySet()) {
            if (isSpecial(e.getValue()) && e.getKey().length() > 1 && out.contains(e.getKey())) {
                String k = e.getKey();
                out = out.replace(k, k.charAt(0) + "\u200B" + k.substring(1));
            }
        }
        return out;
    }

    /** The id of an added token such as {@code <|im_end|>}, or -1. */
    public int addedTokenId(String content) {
        return specialIds.getOrDefault(content, -1);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
