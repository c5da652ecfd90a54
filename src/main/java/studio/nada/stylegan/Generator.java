package studio.nada.stylegan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import studio.nada.engine.Scopes;
import studio.nada.nn.ParameterStore;
import studio.nada.weights.TensorData;

/**
 * StyleGAN2 generator exactly as rosinality's model.py: mapping network {@code style}, constant
 * input, {@code conv1}/{@code to_rgb1}, then per resolution an up-sampling StyledConv, a StyledConv
 * and a ToRGB. Keys are rosinality's, so any {@code g_ema} maps 1:1.
 *
 * <p>Forward methods create tensors that attach to the parameters' manager: run them inside a
 * {@link studio.nada.engine.StepScope} that {@code tempAttach}es {@link #arrays()}.
 */
public final class Generator {
    private final GeneratorConfig config;
    private final ParameterStore params;
    private final MappingNetwork style;
    private final NDArray input;
    private final StyledConv conv1;
    private final ToRGB toRgb1;
    private final List<StyledConv> convs = new ArrayList<>();
    private final List<ToRGB> toRgbs = new ArrayList<>();

    public Generator(GeneratorConfig config, ParameterStore params) {
        this.config = config;
        this.params = params;
        int d = config.styleDim();
        this.style = new MappingNetwork(params, config);
        int c4 = config.channels(4);
        this.input = params.get("input.input", 1, c4, 4, 4);
        this.conv1 = new StyledConv(params, "conv1", c4, c4, d, false);
        this.toRgb1 = new ToRGB(params, "to_rgb1", c4, d, false);
        int in = c4;
        for (int i = 3; i <= config.logSize(); i++) {
            int out = config.channels(1 << i);
            int k = i - 3;
            convs.add(new StyledConv(params, "convs." + (2 * k), in, out, d, true));
            convs.add(new StyledConv(params, "convs." + (2 * k + 1), out, out, d, false));
            toRgbs.add(new ToRGB(params, "to_rgbs." + k, out, d, true));
            in = out;
        }
        for (int i = 0; i < config.numLayers(); i++) {
            long res = config.noiseResolution(i);
            params.get("noises.noise_" + i, 1, 1, res, res);
            params.markBuffer("noises.noise_" + i);
        }
    }

    /** Builds a generator from a rosinality state dict (config inferred from its shapes). */
    public static Generator load(NDManager manager, Map<String, TensorData> stateDict) {
        GeneratorConfig config = GeneratorConfig.infer(stateDict);
        return new Generator(config, ParameterStore.fromTensors(manager, stateDict));
    }

    public GeneratorConfig config() {
        return config;
    }

    public ParameterStore params() {
        return params;
    }

    /** Every array of the model, for tempAttach into a step scope. */
    public List<NDArray> arrays() {
        return params.arrays();
    }

    public StyledConv conv1() {
        return conv1;
    }

    public ToRGB toRgb1() {
        return toRgb1;
    }

    public List<StyledConv> convs() {
        return Collections.unmodifiableList(convs);
    }

    public List<ToRGB> toRgbs() {
        return Collections.unmodifiableList(toRgbs);
    }

    /**
     * Whether every noise strength ({@code noise.weight}) is exactly zero: then a picture depends
     * on W+ alone, whatever noise maps it is given (0 · map adds exact zeros).
     */
    public boolean ignoresNoise() {
        List<StyledConv> all = new ArrayList<>(convs);
        all.add(conv1);
        for (StyledConv c : all) {
            for (float v : c.noiseStrength().toFloatArray()) {
                if (v != 0f) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The mapping network: z [N, D] to w [N, D]. */
    public NDArray style(NDArray z) {
        return style.forward(z);
    }

    /** Mean of {@code n} mapped samples, [1, D] (rosinality's mean_latent). */
    public NDArray meanLatent(NDArray z) {
        return style(z).mean(new int[] {0}, true);
    }

    /** Synthesis from W+ [B, n_latent, D]; {@code tap} (may be null) sees each layer's output. */
    public NDArray synthesis(NDArray latent, Noise noise, LayerTap tap) {
        Shape s = latent.getShape();
        if (s.dimension() != 3 || s.get(1) != config.nLatent() || s.get(2) != config.styleDim()) {
            throw new IllegalArgumentException("W+ must be [B, " + config.nLatent() + ", " + config.styleDim()
                    + "], got " + s);
        }
        long b = s.get(0);
        NDManager m = latent.getManager();
        NDArray x = input.repeat(0, b);
        x = block(m, conv1, x, latent.get(":, 0"), noise.map(this, 0, b, 4, m));
        tap(tap, "conv1", x);
        NDArray skip = block(m, toRgb1, x, latent.get(":, 1"), null);
        tap(tap, "to_rgb1", skip);
        int i = 1;
        for (int k = 0; k < toRgbs.size(); k++) {
            long res = 8L << k;
            x = block(m, convs.get(2 * k), x, latent.get(":, " + i), noise.map(this, 2 * k + 1, b, res, m));
            tap(tap, "convs." + (2 * k), x);
            x = block(m, convs.get(2 * k + 1), x, latent.get(":, " + (i + 1)), noise.map(this, 2 * k + 2, b, res, m));
            tap(tap, "convs." + (2 * k + 1), x);
            skip = block(m, toRgbs.get(k), x, latent.get(":, " + (i + 2)), skip);
            tap(tap, "to_rgbs." + k, skip);
            i += 2;
        }
        return skip;
    }

    public NDArray synthesis(NDArray latent, Noise noise) {
        return synthesis(latent, noise, null);
    }

    /** One StyledConv in its own scope: only its output outlives it (see {@link Scopes}). */
    private static NDArray block(NDManager m, StyledConv conv, NDArray x, NDArray w, NDArray noiseMap) {
        List<NDArray> attach = new ArrayList<>(conv.arrays());
        attach.add(x);
        attach.add(w);
        attach.add(noiseMap);
        return Scopes.nested(m, attach, () -> conv.forward(x, w, noiseMap));
    }

    private static NDArray block(NDManager m, ToRGB rgb, NDArray x, NDArray w, NDArray skip) {
        List<NDArray> attach = new ArrayList<>(rgb.arrays());
        attach.add(x);
        attach.add(w);
        if (skip != null) {
            attach.add(skip);
        }
        return Scopes.nested(m, attach, () -> rgb.forward(x, w, skip));
    }


    private static void tap(LayerTap tap, String name, NDArray value) {
        if (tap != null) {
            tap.record(name, value);
        }
    }

    /** Sees each layer's output during synthesis (tests, inspection). */
    @FunctionalInterface
    public interface LayerTap {
        void record(String layer, NDArray output);
    }
}
