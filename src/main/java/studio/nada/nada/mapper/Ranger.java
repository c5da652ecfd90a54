package studio.nada.nada.mapper;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.nada.engine.GradMode;
import studio.nada.weights.TensorData;

/**
 * Ranger (RAdam + Lookahead + gradient centralization), the optimizer of StyleCLIP's and
 * StyleGAN-NADA's mapper (lessw2020's ranger.py, version 20.4.11), with its PyTorch semantics:
 * per-parameter step counts; while the variance estimate is not yet tractable (N_sma ≤ 5, the
 * first 5 steps at β2 0.999) the update is momentum SGD without a denominator, then rectified
 * Adam; every k steps the weights are pulled to slow + α·(fast − slow). Parameters change in place.
 */
public final class Ranger {
    /**
     * Hyper-parameters; {@link #mapper(double)} is the reference's: {@code Ranger(params, lr)}
     * with defaults α 0.5, k 6, N_sma threshold 5, betas (0.95, 0.999), eps 1e-5, no weight
     * decay, gradient centralization on for every parameter with more than one dimension.
     */
    public record Hyper(double lr, double alpha, int k, double nSmaThreshold, double beta1, double beta2, double eps,
            double weightDecay, boolean useGc, boolean gcConvOnly) {
        public static Hyper mapper(double lr) {
            return new Hyper(lr, 0.5, 6, 5, 0.95, 0.999, 1e-5, 0, true, false);
        }

        /** Gradients with more dimensions than this are centralized (1: linear and conv, 3: conv only). */
        int gcThreshold() {
            return gcConvOnly ? 3 : 1;
        }
    }

    /** One parameter's state, created on its first step (the reference's lazily filled dict). */
    static final class State {
        long step;
        NDArray expAvg;
        NDArray expAvgSq;
        NDArray slowBuffer;
    }

    private final Hyper hyper;
    private final NDManager manager;
    private final Map<String, State> state = new LinkedHashMap<>();

    /** @param manager owns the moments and slow weights (the mapper's manager) */
    public Ranger(Hyper hyper, NDManager manager) {
        this.hyper = hyper;
        this.manager = manager;
    }

    public Hyper hyper() {
        return hyper;
    }

    /** Steps done by parameter {@code name} (0 before its first). */
    public long step(String name) {
        State s = state.get(name);
        return s == null ? 0 : s.step;
    }

    /**
     * Steps each parameter that has a gradient. Run inside a step scope that tempAttaches the
     * parameters and {@link #arrays()}; call {@link #initState} first, outside the scope.
     */
    public void step(Map<String, NDArray> params, Map<String, NDArray> grads) {
        try (GradMode off = GradMode.disabled()) {
            for (Map.Entry<String, NDArray> e : grads.entrySet()) {
                NDArray p = params.get(e.getKey());
                if (p == null) {
                    throw new IllegalArgumentException("gradient for unknown parameter " + e.getKey());
                }
                update(p, e.getValue(), stateFor(e.getKey(), p));
            }
        }
    }

    private void update(NDArray p, NDArray grad, State s) {
        NDArray g = grad;
        int dims = g.getShape().dimension();
        if (hyper.useGc() && dims > hyper.gcThreshold()) {
            int[] axes = new int[dims - 1];
            for (int i = 1; i < dims; i++) {
                axes[i - 1] = i;
            }
            g = g.sub(g.mean(axes, true));
        }
        s.step++;
        double b1 = hyper.beta1();
        double b2 = hyper.beta2();
        s.expAvgSq.muli((float) b2).addi(g.mul(g).mul((float) (1 - b2)));
        s.expAvg.muli((float) b1).addi(g.mul((float) (1 - b1)));
        double b2t = Math.pow(b2, s.step);
        double nSmaMax = 2 / (1 - b2) - 1;
        double nSma = nSmaMax - 2 * s.step * b2t / (1 - b2t);
        boolean rectified = nSma > hyper.nSmaThreshold();
        double stepSize = rectified
                ? Math.sqrt((1 - b2t) * (nSma - 4) / (nSmaMax - 4) * (nSma - 2) / nSma * nSmaMax / (nSmaMax - 2))
                        / (1 - Math.pow(b1, s.step))
                : 1.0 / (1 - Math.pow(b1, s.step));
        if (hyper.weightDecay() != 0) {
            p.addi(p.mul((float) (-hyper.weightDecay() * hyper.lr())));
        }
        float scale = (float) (-stepSize * hyper.lr());
        if (rectified) {
            p.addi(s.expAvg.div(s.expAvgSq.sqrt().add((float) hyper.eps())).mul(scale));
        } else {
            p.addi(s.expAvg.mul(scale));
        }
        if (s.step % hyper.k() == 0) {
            // Lookahead: slow ← slow + α·(fast − slow), and the fast weights restart from it
            s.slowBuffer.addi(p.sub(s.slowBuffer).mul((float) hyper.alpha()));
            p.subi(p).addi(s.slowBuffer);
        }
    }

    private State stateFor(String name, NDArray p) {
        State s = state.computeIfAbsent(name, k -> new State());
        if (s.expAvg == null) {
            s.expAvg = manager.zeros(p.getShape());
            s.expAvgSq = manager.zeros(p.getShape());
            s.slowBuffer = p.duplicate();
            s.slowBuffer.attach(manager);
        }
        return s;
    }

    /**
     * Creates the state now (zero moments, slow weights = current weights, as the reference's
     * first step does), so that it is owned by the optimizer's manager, not a step scope.
     */
    public void initState(Map<String, NDArray> params) {
        try (GradMode off = GradMode.disabled()) {
            params.forEach(this::stateFor);
        }
    }

    /** Moments and slow weights, for tempAttach into a step scope. */
    public List<NDArray> arrays() {
        List<NDArray> out = new ArrayList<>();
        for (State s : state.values()) {
            if (s.expAvg != null) {
                out.add(s.expAvg);
                out.add(s.expAvgSq);
                out.add(s.slowBuffer);
            }
        }
        return out;
    }

    /** State as tensors: {@code <name>.step}, {@code .exp_avg}, {@code .exp_avg_sq}, {@code .slow_buffer}. */
    public Map<String, TensorData> toTensors() {
        Map<String, TensorData> out = new LinkedHashMap<>();
        state.forEach((name, s) -> {
            out.put(name + ".step", TensorData.ofLongs(new long[0], new long[] {s.step}));
            out.put(name + ".exp_avg", TensorData.of(s.expAvg));
            out.put(name + ".exp_avg_sq", TensorData.of(s.expAvgSq));
            out.put(name + ".slow_buffer", TensorData.of(s.slowBuffer));
        });
        return out;
    }

    /** Restores state written by {@link #toTensors()} (resume). */
    public void load(Map<String, TensorData> tensors) {
        for (State s : state.values()) {
            s.expAvg.close();
            s.expAvgSq.close();
            s.slowBuffer.close();
        }
        state.clear();
        tensors.forEach((k, v) -> {
            if (k.endsWith(".step")) {
                String name = k.substring(0, k.length() - ".step".length());
                State s = new State();
                s.step = (long) v.getDouble(0);
                s.expAvg = require(tensors, name + ".exp_avg").toFloatNDArray(manager);
                s.expAvgSq = require(tensors, name + ".exp_avg_sq").toFloatNDArray(manager);
                s.slowBuffer = require(tensors, name + ".slow_buffer").toFloatNDArray(manager);
                state.put(name, s);
            }
        });
    }

    private static TensorData require(Map<String, TensorData> tensors, String key) {
        TensorData t = tensors.get(key);
        if (t == null) {
            throw new IllegalArgumentException("Ranger state lacks '" + key + "'");
        }
        return t;
    }
}
