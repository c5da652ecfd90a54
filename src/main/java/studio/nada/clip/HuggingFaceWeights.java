package studio.nada.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import studio.nada.weights.TensorData;

/**
 * A Hugging Face {@code CLIPModel} state dict seen under OpenAI names: q/k/v projections are
 * packed into {@code in_proj_*} (q, k, v order, as torch.nn.MultiheadAttention), and the
 * projection Linears ({@code visual_projection}, {@code text_projection}, weights [out, in]) are
 * transposed into OpenAI's [in, out] matrices.
 */
final class HuggingFaceWeights implements ClipWeights {
    static final String PROBE = "text_model.embeddings.token_embedding.weight";

    private static final Pattern BLOCK = Pattern.compile("(visual\\.)?transformer\\.resblocks\\.(\\d+)\\.(.+)");
    private static final Map<String, String> FIXED = Map.ofEntries(
            Map.entry("visual.conv1.weight", "vision_model.embeddings.patch_embedding.weight"),
            Map.entry("visual.class_embedding", "vision_model.embeddings.class_embedding"),
            Map.entry("visual.positional_embedding", "vision_model.embeddings.position_embedding.weight"),
            Map.entry("visual.ln_pre.weight", "vision_model.pre_layrnorm.weight"),
            Map.entry("visual.ln_pre.bias", "vision_model.pre_layrnorm.bias"),
            Map.entry("visual.ln_post.weight", "vision_model.post_layernorm.weight"),
            Map.entry("visual.ln_post.bias", "vision_model.post_layernorm.bias"),
            Map.entry("visual.proj", "visual_projection.weight"),
            Map.entry("token_embedding.weight", "text_model.embeddings.token_embedding.weight"),
            Map.entry("positional_embedding", "text_model.embeddings.position_embedding.weight"),
            Map.entry("ln_final.weight", "text_model.final_layer_norm.weight"),
            Map.entry("ln_final.bias", "text_model.final_layer_norm.bias"),
            Map.entry("text_projection", "text_projection.weight"),
            Map.entry("logit_scale", "logit_scale"));
    private static final Map<String, String> BLOCK_PARTS = Map.ofEntries(
            Map.entry("ln_1.weight", "layer_norm1.weight"),
            Map.entry("ln_1.bias", "layer_norm1.bias"),
            Map.entry("ln_2.weight", "layer_norm2.weight"),
            Map.entry("ln_2.bias", "layer_norm2.bias"),
            Map.entry("attn.out_proj.weight", "self_attn.out_proj.weight"),
            Map.entry("attn.out_proj.bias", "self_attn.out_proj.bias"),
            Map.entry("mlp.c_fc.weight", "mlp.fc1.weight"),
            Map.entry("mlp.c_fc.bias", "mlp.fc1.bias"),
            Map.entry("mlp.c_proj.weight", "mlp.fc2.weight"),
            Map.entry("mlp.c_proj.bias", "mlp.fc2.bias"));

    private final Map<String, TensorData> tensors;

    HuggingFaceWeights(Map<String, TensorData> tensors) {
        this.tensors = tensors;
    }

    @Override
    public long[] shape(String name) {
        TensorData t = find(name, false);
        return t == null ? null : t.shape();
    }

    @Override
    public NDArray load(String name, Shape expected, NDManager manager) {
        TensorData t = OpenAiWeights.checked(describe(name), find(name, true), expected);
        return t.toFloatNDArray(manager);
    }

    @Override
    public String describe(String name) {
        return "key '" + hfName(name) + "' (OpenAI's '" + name + "')";
    }

    /** The tensor under its OpenAI name and layout, or null / an error naming the Hugging Face key. */
    private TensorData find(String name, boolean required) {
        String hf = hfName(name);
        if (name.endsWith("attn.in_proj_weight") || name.endsWith("attn.in_proj_bias")) {
            String suffix = name.endsWith("weight") ? "weight" : "bias";
            TensorData q = get(hf + "q_proj." + suffix, required);
            TensorData k = get(hf + "k_proj." + suffix, required);
            TensorData v = get(hf + "v_proj." + suffix, required);
            return q == null || k == null || v == null ? null : pack(q, k, v);
        }
        TensorData t = get(hf, required);
        if (t != null && (name.equals("visual.proj") || name.equals("text_projection"))) {
            return transpose(t.toF32());
        }
        return t;
    }

    private TensorData get(String hf, boolean required) {
        TensorData t = tensors.get(hf);
        if (t == null && required) {
            throw new IllegalArgumentException("Hugging Face CLIP state dict: missing key '" + hf + "'");
        }
        return t;
    }

    /** The Hugging Face name; for in_proj entries, the prefix that q_proj/k_proj/v_proj complete. */
    static String hfName(String name) {
        String fixed = FIXED.get(name);
        if (fixed != null) {
            return fixed;
        }
        Matcher m = BLOCK.matcher(name);
        if (!m.matches()) {
            return name;
        }
        String tower = m.group(1) != null ? "vision_model" : "text_model";
        String prefix = tower + ".encoder.layers." + m.group(2) + ".";
        if (m.group(3).startsWith("attn.in_proj_")) {
            return prefix + "self_attn.";
        }
        return prefix + BLOCK_PARTS.getOrDefault(m.group(3), m.group(3));
    }

    private static TensorData pack(TensorData q, TensorData k, TensorData v) {
        q = q.toF32();
        k = k.toF32();
        v = v.toF32();
        long[] shape = q.shape();
        shape[0] *= 3;
        ByteBuffer all = ByteBuffer.allocate(q.bytes().remaining() * 3);
        all.put(q.bytes()).put(k.bytes()).put(v.bytes()).flip();
        return new TensorData(q.dtype(), shape, all);
    }

    private static TensorData transpose(TensorData t) {
        long[] s = t.shape();
        int rows = (int) s[0];
        int cols = (int) s[1];
        float[] in = t.toFloatArray();
        float[] out = new float[in.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = in[r * cols + c];
            }
        }
        return TensorData.ofFloats(new long[] {cols, rows}, out);
    }
}
