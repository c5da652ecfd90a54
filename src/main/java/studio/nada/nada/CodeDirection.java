package studio.nada.nada;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import studio.nada.engine.GradMode;
import studio.nada.stylegan.Generator;

/**
 * The update of {@link PhasePreset#DIRECTION}: the generator changes the way its own codes do. Every
 * code is moved along one direction δ of W, as far as the {@link SourceGate} reads it as the
 * source: w → w + α·g(w)·δ, with δ from the mean code CLIP ranks most source-like to the mean
 * code it ranks most target-like. Only α is trained, by the run's Adam on the usual NADA loss.
 *
 * <p>Because g is linear, the move folds into each style affine exactly: with c = W₀δ,
 * W = W₀ + α·c·vᵀ and b = b₀ + α·scale·a·c (scale: the affine's equalized-lr factor), so the
 * adapted generator is an ordinary checkpoint. Why: trained on the affines or the convs, the runs
 * toward "square" drew oblongs and waisted blocks that both CLIPs score as high as squares
 * (docs/shapes_eval.md, stops 44–46); along the codes' own direction the generator can only draw
 * what its codes draw.
 */
final class CodeDirection {
    /** The name α's optimizer state is kept under. */
    static final String PARAMETER = "direction.alpha";
    private static final String SUFFIX = ".modulation.weight";

    /** One style affine: its frozen weight and bias (the frozen generator's arrays), c = W₀δ, and its scale. */
    private record Affine(String weight, String bias, NDArray w0, NDArray b0, NDArray c, float scale) {}

    private final List<Affine> affines = new ArrayList<>();
    private final NDArray v; // [1, d]
    private final float a;
    private final NDArray alpha;

    /**
     * @param weights the trained parameter names; their style affines ({@code *.modulation.weight}) move
     * @param codes   the source filter's bank, scores and kept codes
     */
    CodeDirection(Generator frozen, Collection<String> weights, SourceFilter.Codes codes, NDManager manager) {
        int d = frozen.config().styleDim();
        try (GradMode off = GradMode.disabled(); NDManager m = manager.newSubManager()) {
            int rows = codes.bankScores().length;
            float[] w = frozen.style(m.create(codes.bankZ(), new Shape(rows, d))).toFloatArray();
            SourceGate gate = SourceGate.fit(w, d, codes.bankScores());
            this.v = manager.create(gate.v(), new Shape(1, d));
            this.a = gate.a();
            NDArray delta = meanCode(frozen, codes.held(), m).sub(meanCode(frozen, codes.source(), m));
            float norm = delta.norm().getFloat();
            if (!(norm > 1e-6)) {
                throw new IllegalArgumentException("the codes CLIP ranks most like the source and most like the target"
                        + " do not differ: there is no direction between them to move along");
            }
            delta = delta.div(norm).reshape(d, 1);
            for (String name : weights) {
                if (!name.endsWith(SUFFIX)) {
                    continue;
                }
                NDArray w0 = frozen.params().get(name);
                String bias = name.substring(0, name.length() - "weight".length()) + "bias";
                NDArray c = w0.matMul(delta).reshape(-1);
                c.attach(manager);
                // W₀ and b₀ are the frozen generator's own arrays, which no step changes
                affines.add(new Affine(name, bias, w0, frozen.params().get(bias), c,
                        (float) (1 / Math.sqrt(w0.getShape().get(1)))));
            }
        }
        if (affines.isEmpty()) {
            throw new IllegalArgumentException("the direction phase moves the style affines, and none is trained");
        }
        this.alpha = manager.zeros(new Shape(1));
    }

    private static NDArray meanCode(Generator frozen, NDArray z, NDManager m) {
        return frozen.style(m.create(z.toFloatArray(), z.getShape())).mean(new int[] {0});
    }

    /** α, the distance moved along δ (in W units, for a code the gate reads as the source). */
    NDArray alpha() {
        return alpha;
    }

    /** dL/dα from the affines' gradients: Σ cᵀ·G·v + scale·a·cᵀ·g_b. */
    NDArray gradient(Map<String, NDArray> grads) {
        NDArray total = null;
        for (Affine f : affines) {
            NDArray g = f.c().reshape(1, -1).matMul(grads.get(f.weight())).matMul(v.transpose()).reshape(1);
            NDArray gb = grads.get(f.bias());
            if (gb != null) {
                g = g.add(f.c().mul(gb).sum().mul(f.scale() * a).reshape(1));
            }
            total = total == null ? g : total.add(g);
        }
        return total;
    }

    /** Writes W₀ + α·c·vᵀ and b₀ + α·scale·a·c into the trained parameters, in place. */
    void apply(Map<String, NDArray> params) {
        float al = alpha.getFloat(0);
        try (GradMode off = GradMode.disabled()) {
            for (Affine f : affines) {
                NDArray w = params.get(f.weight());
                w.muli(0).addi(f.w0()).addi(f.c().reshape(-1, 1).matMul(v).mul(al));
                NDArray b = params.get(f.bias());
                if (b != null) {
                    b.muli(0).addi(f.b0()).addi(f.c().mul(al * f.scale() * a));
                }
            }
        }
    }

    /** Reads α back from weights this class wrote (a resumed run): the least-squares fit over every affine. */
    void recover(Map<String, NDArray> params) {
        double dot = 0;
        double norm = 0;
        try (GradMode off = GradMode.disabled()) {
            for (Affine f : affines) {
                NDArray cv = f.c().reshape(-1, 1).matMul(v);
                dot += params.get(f.weight()).sub(f.w0()).mul(cv).sum().getFloat();
                norm += cv.square().sum().getFloat();
            }
            alpha.set(new float[] {norm > 0 ? (float) (dot / norm) : 0f});
        }
    }

    /** Arrays to tempAttach into a step's scope. */
    List<NDArray> arrays() {
        List<NDArray> out = new ArrayList<>();
        for (Affine f : affines) {
            out.add(f.w0());
            out.add(f.b0());
            out.add(f.c());
        }
        out.add(v);
        out.add(alpha);
        return out;
    }
}
