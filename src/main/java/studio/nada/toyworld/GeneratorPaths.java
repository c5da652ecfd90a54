package studio.nada.toyworld;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import studio.nada.engine.GradMode;
import studio.nada.nada.ClipGuide;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.Latents;
import studio.nada.stylegan.Noise;

/**
 * How a CLIP reads the Shapes generator's own way from one kind to another: samples whose code
 * has the source kind's one-hot drawn with that one-hot's value a moved to the target's, a·(1 − t)
 * and a·t. That is the way a run would take if it changed only the style affines' source-kind
 * column, and the frozen generator draws it (a triangle grows into a trapezoid, then a square).
 * {@link ClipPaths} reads exact renders; where the two disagree, the CLIPs' slope on the
 * generator's own pictures is what a run meets.
 */
public final class GeneratorPaths {
    /** Samples drawn (seeds 0..n−1) to find each source kind's codes. */
    static final int SEEDS = 64;
    /** Codes per change, at most. */
    static final int PER_CHANGE = 12;

    private GeneratorPaths() {}

    /** The six kind changes along {@code g}'s code mixes, read by {@code guide}; named "… gen". */
    public static List<ClipPaths.Curve> measure(Generator g, ClipGuide guide, NDManager manager) {
        List<ClipPaths.Curve> out = new ArrayList<>();
        int d = g.config().styleDim();
        try (GradMode off = GradMode.disabled(); NDManager m = manager.newSubManager()) {
            float[] w = g.style(Latents.zForSeeds(m, LongStream.range(0, SEEDS).toArray(), d)).toFloatArray();
            for (ShapeKind from : ShapeKind.values()) {
                for (ShapeKind to : ShapeKind.values()) {
                    if (from != to) {
                        out.add(measure(g, guide, from, to, codesOf(w, d, from), m));
                    }
                }
            }
        }
        return out;
    }

    private static ClipPaths.Curve measure(Generator g, ClipGuide guide, ShapeKind from, ShapeKind to,
            List<float[]> codes, NDManager m) {
        AttributeChange change = AttributeChange.kind(from, to);
        int d = g.config().styleDim();
        int n = ClipPaths.STEPS.length + 1;
        double[] cos = new double[ClipPaths.STEPS.length];
        double[] reached = new double[ClipPaths.STEPS.length];
        NDArray dt = guide.textDirection(change.source(), change.target()).reshape(-1);
        for (float[] code : codes) {
            float[] mixes = new float[n * d];
            for (int i = 0; i < n; i++) {
                System.arraycopy(mixed(code, from, to, i == 0 ? 0 : ClipPaths.STEPS[i - 1]), 0, mixes, i * d, d);
            }
            NDArray latent = Latents.toWPlus(m.create(mixes, new Shape(n, d)), g.config().nLatent());
            ClipPaths.add(guide, change, dt, g.synthesis(latent, Noise.stored()), cos, reached);
        }
        return ClipPaths.curve(change.name() + " gen", change, cos, reached, codes.size());
    }

    /** The code with the source kind's one-hot value a split as a·(1 − t) to it and a·t to the target's. */
    static float[] mixed(float[] code, ShapeKind from, ShapeKind to, double t) {
        int i = SceneCode.index(from);
        int j = SceneCode.index(to);
        float a = code[i];
        float[] out = code.clone();
        out[i] = (float) (a * (1 - t));
        out[j] = (float) (a * t);
        return out;
    }

    /** Up to {@link #PER_CHANGE} of the samples' codes whose largest kind one-hot is {@code kind}'s. */
    private static List<float[]> codesOf(float[] w, int d, ShapeKind kind) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < w.length / d && out.size() < PER_CHANGE; i++) {
            float[] code = Arrays.copyOfRange(w, i * d, (i + 1) * d);
            boolean largest = true;
            for (ShapeKind k : ShapeKind.values()) {
                largest &= code[SceneCode.index(k)] <= code[SceneCode.index(kind)];
            }
            if (largest) {
                out.add(code);
            }
        }
        return out;
    }
}
