package studio.nada.nada;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.nada.engine.GradMode;
import studio.nada.weights.TensorData;

/**
 * Adam with PyTorch's update rule and per-parameter step counts, written here because DJL's
 * places epsilon differently (so it cannot match the reference) and hides its state (so a run
 * could not resume). Parameters are updated in place.
 *
 * <p>m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; p ← p − lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + ε).
 */
public final class Adam {
    /** Hyper-parameters; {@link #nada()} is StyleGAN-NADA's (lr 0.002·4/5, betas (0, 0.99^0.8)). */
    public record Hyper(double lr, double beta1, double beta2, double eps) {
        public static Hyper nada() {
            double ratio = 4.0 / 5.0;
            return new Hyper(0.002 * ratio, Math.pow(0.0, ratio), Math.pow(0.99, ratio), 1e-8);
        }
    }

    /** One parameter's state: its own step count and both moments (null before its first step). */
    public static final class State {
        long step;
        NDArray expAvg;
        NDArray expAvgSq;

        public long step() {
            return step;
        }
    }

    private final Hyper hyper;
    private final NDManager manager;
    private final Map<String, State> state = new LinkedHashMap<>();

    /** @param manager owns the moments (the models' root manager) */
    public Adam(Hyper hyper, NDManager manager) {
        this.hyper = hyper;
        this.manager = manager;
    }

    public Hyper hyper() {
        return hyper;
    }

    /**
     * Steps each parameter with its gradient (a parameter absent from {@code grads} is not
     * stepped, as PyTorch skips a None grad; a zero gradient is a step). Run inside a scope: the
     * temporaries attach to the parameters' manager, so tempAttach {@link #arrays()} too.
     */
    public void step(Map<String, NDArray> params, Map<String, NDArray> grads) {
        step(params, grads, hyper.lr);
    }

    /** The same at learning rate {@code lr} (a schedule, as a PyTorch param group's lr set each step). */
    public void step(Map<String, NDArray> params, Map<String, NDArray> grads, double lr) {
        step(params, grads, lr, 0);
    }

    /**
     * The same with each tensor's update m̂/(√v̂ + ε) scaled down to RMS {@code maxRms} where it is
     * larger (Adafactor's update clipping; 0: none, as PyTorch's Adam).
     */
    public void step(Map<String, NDArray> params, Map<String, NDArray> grads, double lr, double maxRms) {
        try (GradMode off = GradMode.disabled()) {
            update(params, grads, lr, maxRms);
        }
    }

    private void update(Map<String, NDArray> params, Map<String, NDArray> grads, double lr, double maxRms) {
        for (Map.Entry<String, NDArray> e : grads.entrySet()) {
            NDArray p = params.get(e.getKey());
            if (p == null) {
                throw new IllegalArgumentException("gradient for unknown parameter " + e.getKey());
            }
            NDArray g = e.getValue();
            State s = state.computeIfAbsent(e.getKey(), k -> new State());
            if (s.expAvg == null) {
                s.expAvg = manager.zeros(p.getShape());
                s.expAvgSq = manager.zeros(p.getShape());
            }
            s.step++;
            s.expAvg.muli((float) hyper.beta1).addi(g.mul((float) (1 - hyper.beta1)));
            s.expAvgSq.muli((float) hyper.beta2).addi(g.mul((float) (1 - hyper.beta2)).mul(g));
            double bc1 = 1 - Math.pow(hyper.beta1, s.step);
            double bc2 = 1 - Math.pow(hyper.beta2, s.step);
            double stepSize = lr / bc1;
            NDArray denom = s.expAvgSq.sqrt().div((float) Math.sqrt(bc2)).add((float) hyper.eps);
            if (maxRms > 0) {
                NDArray update = s.expAvg.div(denom);
                // scaled by maxRms / max(rms, maxRms) on the tensor side: no read back per parameter
                NDArray rms = update.square().mean().sqrt();
                p.addi(update.mul(rms.maximum((float) maxRms).pow(-1f).mul((float) (-stepSize * maxRms))));
            } else {
                p.addi(s.expAvg.mul((float) -stepSize).div(denom));
            }
        }
    }

    /** Creates zero moments for these parameters now, outside any step scope. */
    public void initState(Map<String, NDArray> params) {
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            State s = state.computeIfAbsent(e.getKey(), k -> new State());
            if (s.expAvg == null) {
                s.expAvg = manager.zeros(e.getValue().getShape());
                s.expAvgSq = manager.zeros(e.getValue().getShape());
            }
        }
    }

    public Map<String, State> state() {
        return Collections.unmodifiableMap(state);
    }

    /** The moment arrays, for tempAttach into a step scope. */
    public List<NDArray> arrays() {
        List<NDArray> out = new ArrayList<>();
        for (State s : state.values()) {
            if (s.expAvg != null) {
                out.add(s.expAvg);
                out.add(s.expAvgSq);
            }
        }
        return out;
    }

    /** State as plain tensors, for checkpoints: {@code <name>.exp_avg}, {@code .exp_avg_sq}, {@code .step}. */
    public Map<String, TensorData> toTensors() {
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (Map.Entry<String, State> e : state.entrySet()) {
            State s = e.getValue();
            out.put(e.getKey() + ".step", TensorData.ofLongs(new long[0], new long[] {s.step}));
            if (s.expAvg != null) {
                out.put(e.getKey() + ".exp_avg", TensorData.of(s.expAvg));
                out.put(e.getKey() + ".exp_avg_sq", TensorData.of(s.expAvgSq));
            }
        }
        return out;
    }

    /** Restores state written by {@link #toTensors()} (resume). */
    public void load(Map<String, TensorData> tensors) {
        state.values().forEach(Adam::free);
        state.clear();
        for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
            String k = e.getKey();
            if (k.endsWith(".step")) {
                String name = k.substring(0, k.length() - ".step".length());
                State s = state.computeIfAbsent(name, n -> new State());
                s.step = (long) e.getValue().getDouble(0);
                TensorData m = tensors.get(name + ".exp_avg");
                TensorData v = tensors.get(name + ".exp_avg_sq");
                if (m != null && v != null) {
                    s.expAvg = m.toFloatNDArray(manager);
                    s.expAvgSq = v.toFloatNDArray(manager);
                }
            }
        }
    }

    private static void free(State s) {
        if (s.expAvg != null) {
            s.expAvg.close();
            s.expAvgSq.close();
        }
    }
}
