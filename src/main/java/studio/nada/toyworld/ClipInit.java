package studio.nada.toyworld;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import studio.nada.clip.ClipConfig;
import studio.nada.weights.TensorData;

/**
 * A fresh CLIP state dict with OpenAI's names and openai/CLIP's {@code initialize_parameters}
 * scales (token embedding 0.02, positions 0.01, attention width^-½, projections width^-½·(2L)^-½,
 * MLP (2·width)^-½, logit_scale ln(1/0.07)), drawn from java.util.Random so that it is the same
 * on every machine and thread count.
 */
final class ClipInit {
    private final Random random;
    private final Map<String, TensorData> sd = new LinkedHashMap<>();

    private ClipInit(long seed) {
        this.random = new Random(seed);
    }

    static Map<String, TensorData> stateDict(ClipConfig c, long seed) {
        ClipInit init = new ClipInit(seed);
        init.vision(c);
        init.text(c);
        init.sd.put("logit_scale", TensorData.ofFloats(new long[0], new float[] {(float) Math.log(1 / 0.07)}));
        return init.sd;
    }

    private void vision(ClipConfig c) {
        int w = c.visionWidth();
        int p = c.visionPatchSize();
        double scale = Math.pow(w, -0.5);
        normal("visual.conv1.weight", 1 / Math.sqrt(3.0 * p * p), w, 3, p, p);
        normal("visual.class_embedding", scale, w);
        normal("visual.positional_embedding", scale, (long) c.grid() * c.grid() + 1, w);
        layerNorm("visual.ln_pre", w);
        blocks("visual.transformer.resblocks.", c.visionLayers(), w);
        layerNorm("visual.ln_post", w);
        normal("visual.proj", scale, w, c.embedDim());
    }

    private void text(ClipConfig c) {
        int w = c.textWidth();
        normal("token_embedding.weight", 0.02, c.vocabSize(), w);
        normal("positional_embedding", 0.01, c.contextLength(), w);
        blocks("transformer.resblocks.", c.textLayers(), w);
        layerNorm("ln_final", w);
        normal("text_projection", Math.pow(w, -0.5), w, c.embedDim());
    }

    private void blocks(String prefix, int layers, int w) {
        double attnStd = Math.pow(w, -0.5);
        double projStd = attnStd * Math.pow(2.0 * layers, -0.5);
        double fcStd = Math.pow(2.0 * w, -0.5);
        for (int i = 0; i < layers; i++) {
            String p = prefix + i + ".";
            normal(p + "attn.in_proj_weight", attnStd, 3L * w, w);
            zeros(p + "attn.in_proj_bias", 3L * w);
            normal(p + "attn.out_proj.weight", projStd, w, w);
            zeros(p + "attn.out_proj.bias", w);
            layerNorm(p + "ln_1", w);
            normal(p + "mlp.c_fc.weight", fcStd, 4L * w, w);
            zeros(p + "mlp.c_fc.bias", 4L * w);
            normal(p + "mlp.c_proj.weight", projStd, w, 4L * w);
            zeros(p + "mlp.c_proj.bias", w);
            layerNorm(p + "ln_2", w);
        }
    }

    private void layerNorm(String prefix, int w) {
        float[] ones = new float[w];
        java.util.Arrays.fill(ones, 1f);
        sd.put(prefix + ".weight", TensorData.ofFloats(new long[] {w}, ones));
        zeros(prefix + ".bias", w);
    }

    private void normal(String name, double std, long... shape) {
        float[] v = new float[Math.toIntExact(count(shape))];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextGaussian() * std);
        }
        sd.put(name, TensorData.ofFloats(shape, v));
    }

    private void zeros(String name, long... shape) {
        sd.put(name, TensorData.ofFloats(shape, new float[Math.toIntExact(count(shape))]));
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
