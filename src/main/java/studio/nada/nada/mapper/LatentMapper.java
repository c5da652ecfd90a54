package studio.nada.nada.mapper;

import studio.nada.nn.Ops;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.nada.engine.RandomSource;
import studio.nada.nn.EqualLinear;
import studio.nada.nn.ParameterStore;
import studio.nada.weights.TensorData;

/**
 * StyleGAN-NADA's latent mapper ({@code LevelsMapper} inside {@code StyleCLIPMapper}): three
 * mappers over the W+ ranges [0, 4) coarse, [4, 8) medium and [8, n) fine, each PixelNorm and four
 * EqualLinear (lr_mul 0.01, fused leaky ReLU); the edit is ŵ = w + 0.1·M(w) (coach.py).
 *
 * <p>Keys are the reference's state-dict keys, {@code mapper.course_mapping.mapping.1.weight} …
 * ("course" sic; index 0 of {@code mapping} is the PixelNorm, so the linears are 1–4). All three
 * mappers always exist, as in the reference, whose strict load needs every key; a range that is
 * empty for a small generator (n_latent 8: [8, 8)) is skipped in the forward, where the reference
 * maps an empty slice to an empty slice: the same result.
 *
 * <p>The mapper owns a sub-manager; run forwards inside a step scope that tempAttaches {@link #arrays()}.
 */
public final class LatentMapper implements AutoCloseable {
    public static final String PREFIX = "mapper.";
    /** The reference's attribute names, coarse to fine. */
    public static final List<String> LEVELS = List.of("course_mapping", "medium_mapping", "fine_mapping");
    static final int[] STARTS = {0, 4, 8};
    public static final int DEPTH = 4;
    public static final double LR_MUL = 0.01;
    /** ŵ = w + STEP·M(w). */
    public static final float STEP = 0.1f;

    /**
     * The axis PixelNorm normalizes. DESIGN asks for the channels (the last dim). The reference's
     * PixelNorm (rosinality's, written for [B, D]) takes the mean over dim 1, which for the mapper's
     * [B, L, D] slices is the W+ rows (StyleCLIP issue #82); since those rows are equal for W+ from
     * z, its input is then ≈ sign(w). {@link #W_PLUS_ROWS} reproduces that for checkpoints that must
     * behave as in PyTorch.
     */
    public enum PixelNormAxis { CHANNELS, W_PLUS_ROWS }

    private final NDManager manager;
    private final ParameterStore params;
    private final int nLatent;
    private final int styleDim;
    private final PixelNormAxis axis;
    private final List<List<EqualLinear>> levels = new ArrayList<>();

    private LatentMapper(NDManager manager, ParameterStore params, int nLatent, PixelNormAxis axis) {
        this.manager = manager;
        this.params = params;
        this.nLatent = nLatent;
        this.axis = axis;
        this.styleDim = (int) params.get(key(0, 1, "weight")).getShape().get(1);
        for (int level = 0; level < LEVELS.size(); level++) {
            List<EqualLinear> layers = new ArrayList<>();
            for (int i = 1; i <= DEPTH; i++) {
                layers.add(new EqualLinear(params, PREFIX + LEVELS.get(level) + ".mapping." + i,
                        styleDim, styleDim, LR_MUL, true));
            }
            levels.add(layers);
        }
    }

    static String key(int level, int layer, String what) {
        return PREFIX + LEVELS.get(level) + ".mapping." + layer + "." + what;
    }

    /** A fresh mapper initialized as PyTorch's EqualLinear: weights randn / lr_mul, biases 0. */
    public static LatentMapper random(int styleDim, int nLatent, PixelNormAxis axis, RandomSource rng, NDManager parent) {
        NDManager m = parent.newSubManager();
        ParameterStore store = new ParameterStore(m);
        for (int level = 0; level < LEVELS.size(); level++) {
            for (int i = 1; i <= DEPTH; i++) {
                store.put(key(level, i, "weight"), rng.normal(m, new Shape(styleDim, styleDim)).div((float) LR_MUL));
                store.put(key(level, i, "bias"), m.zeros(new Shape(styleDim)));
            }
        }
        return new LatentMapper(m, store, nLatent, axis);
    }

    /**
     * A mapper from a state dict: the reference's checkpoint {@code state_dict} (keys
     * {@code mapper.*}, the {@code decoder.*} ignored) or a bare LevelsMapper's (no prefix).
     */
    public static LatentMapper load(Map<String, TensorData> stateDict, int nLatent, PixelNormAxis axis, NDManager parent) {
        boolean prefixed = stateDict.keySet().stream().anyMatch(k -> k.startsWith(PREFIX));
        Map<String, TensorData> mine = new LinkedHashMap<>();
        stateDict.forEach((k, v) -> {
            if (prefixed && k.startsWith(PREFIX)) {
                mine.put(k, v);
            } else if (!prefixed && LEVELS.stream().anyMatch(l -> k.startsWith(l + "."))) {
                mine.put(PREFIX + k, v);
            }
        });
        NDManager m = parent.newSubManager();
        try {
            return new LatentMapper(m, ParameterStore.fromTensors(m, mine), nLatent, axis);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** M(w) for W+ [B, n_latent, D]: each level's mapper on its rows, concatenated back. */
    public NDArray forward(NDArray wPlus) {
        Shape s = wPlus.getShape();
        if (s.dimension() != 3 || s.get(1) != nLatent || s.get(2) != styleDim) {
            throw new IllegalArgumentException("the mapper takes W+ [B, " + nLatent + ", " + styleDim + "], got " + s);
        }
        NDList parts = new NDList();
        for (int level = 0; level < LEVELS.size(); level++) {
            int start = STARTS[level];
            int end = level == LEVELS.size() - 1 ? nLatent : Math.min(nLatent, STARTS[level + 1]);
            if (start < end) {
                parts.add(map(levels.get(level), wPlus.get(":, {}:{}, :", start, end)));
            }
        }
        return parts.size() == 1 ? parts.head() : NDArrays.concat(parts, 1);
    }

    /** ŵ = w + 0.1·M(w). */
    public NDArray edit(NDArray wPlus) {
        return wPlus.add(Ops.mul(forward(wPlus), STEP));
    }

    private NDArray map(List<EqualLinear> layers, NDArray x) {
        long b = x.getShape().get(0);
        long rows = x.getShape().get(1);
        int dim = axis == PixelNormAxis.CHANNELS ? 2 : 1;
        // PixelNorm: x · rsqrt(mean(x²) + 1e-8)
        NDArray h = x.mul(Ops.rsqrt(Ops.add(x.square().mean(new int[] {dim}, true), 1e-8)));
        // the linears act on the last dim; rows flattened so the fused bias lands on the channels
        h = h.reshape(b * rows, styleDim);
        for (EqualLinear layer : layers) {
            h = layer.forward(h);
        }
        return h.reshape(b, rows, styleDim);
    }

    public int nLatent() {
        return nLatent;
    }

    public int styleDim() {
        return styleDim;
    }

    public PixelNormAxis pixelNormAxis() {
        return axis;
    }

    /** The trainable arrays by key (all of them: the mapper has no buffers). */
    public Map<String, NDArray> parameters() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (String n : params.names()) {
            out.put(n, params.get(n));
        }
        return out;
    }

    /**
     * The parameters of the levels whose W+ range is not empty: the others take no part in the
     * forward, so, as PyTorch leaves their grad None and Ranger skips them, they are not stepped.
     */
    public Map<String, NDArray> usedParameters() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (int level = 0; level < LEVELS.size(); level++) {
            if (STARTS[level] < nLatent) {
                for (int i = 1; i <= DEPTH; i++) {
                    out.put(key(level, i, "weight"), params.get(key(level, i, "weight")));
                    out.put(key(level, i, "bias"), params.get(key(level, i, "bias")));
                }
            }
        }
        return out;
    }

    public List<NDArray> arrays() {
        return params.arrays();
    }

    public NDManager manager() {
        return manager;
    }

    /** The state dict with the reference's keys ({@code mapper.…}). */
    public Map<String, TensorData> toTensors() {
        return params.toTensors();
    }

    @Override
    public void close() {
        manager.close();
    }
}
