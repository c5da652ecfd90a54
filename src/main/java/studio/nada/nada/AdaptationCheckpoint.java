package studio.nada.nada;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.nada.stylegan.Generator;
import studio.nada.weights.Checkpoints;
import studio.nada.weights.StateDicts;
import studio.nada.weights.TensorData;
import studio.nada.weights.TorchCheckpointWriter;
import studio.nada.weights.WeightsFormatException;

/**
 * The resumable state of a run, in the reference's own checkpoint layout so either side can
 * resume the other's: {@code g_ema} (the trainable generator's state dict), {@code g_optim}
 * (PyTorch's Adam state dict: per parameter index a step count and both moments, plus
 * param_groups), and {@code nada} (iteration and the run's configuration as JSON). One file,
 * written atomically.
 */
public final class AdaptationCheckpoint {
    /** What a checkpoint restores. */
    public record Contents(Map<String, TensorData> generator, Map<String, TensorData> adam, int iteration,
            String configJson) {}

    private AdaptationCheckpoint() {}

    public static void write(Path file, NadaAdapter adapter, String configJson) throws IOException {
        Generator g = adapter.trainable();
        List<String> params = g.params().parameterNames();
        Map<Object, Object> state = new LinkedHashMap<>();
        Map<String, Adam.State> adam = adapter.optimizer().state();
        Map<String, TensorData> moments = adapter.optimizer().toTensors();
        for (int i = 0; i < params.size(); i++) {
            String name = params.get(i);
            Adam.State s = adam.get(name);
            if (s == null || s.step() == 0) {
                continue;
            }
            state.put((long) i, entry(s, moments, name));
        }
        Adam.Hyper h = adapter.optimizer().hyper();
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("lr", h.lr());
        group.put("betas", List.of(h.beta1(), h.beta2()));
        group.put("eps", h.eps());
        group.put("weight_decay", 0L);
        group.put("amsgrad", false);
        List<Object> indices = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            indices.add((long) i);
        }
        group.put("params", indices);
        Map<String, Object> optim = new LinkedHashMap<>();
        optim.put("state", state);
        optim.put("param_groups", List.of(group));
        // state of what the optimizer steps besides the generator's parameters (the direction phase's α)
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Map.Entry<String, Adam.State> e : adam.entrySet()) {
            if (!params.contains(e.getKey()) && e.getValue().step() > 0) {
                extra.put(e.getKey(), entry(e.getValue(), moments, e.getKey()));
            }
        }
        Map<String, Object> nada = new LinkedHashMap<>();
        nada.put("iteration", (long) adapter.iteration());
        if (!extra.isEmpty()) {
            nada.put("optimizer_extra", extra);
        }
        nada.put("config", configJson);
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("g_ema", g.params().toTensors());
        top.put("g_optim", optim);
        top.put("nada", nada);
        TorchCheckpointWriter.write(file, top);
    }

    /**
     * Reads a checkpoint written here or by the reference's train.py ({@code {g_ema, g_optim}});
     * {@code parameterOrder} maps the optimizer's indices to names (the generator's parameters).
     */
    public static Contents read(Path file, List<String> parameterOrder) throws IOException {
        Object tree = Checkpoints.read(file);
        if (!(tree instanceof Map<?, ?> top) || !top.containsKey("g_ema")) {
            throw new WeightsFormatException(file + ": not a training checkpoint (no g_ema)");
        }
        Map<String, TensorData> generator = StateDicts.flatten(top.get("g_ema"));
        Map<String, TensorData> adam = new LinkedHashMap<>();
        int maxStep = 0;
        if (top.get("g_optim") instanceof Map<?, ?> optim && optim.get("state") instanceof Map<?, ?> state) {
            for (Map.Entry<?, ?> e : state.entrySet()) {
                int index = ((Number) e.getKey()).intValue();
                if (index < 0 || index >= parameterOrder.size() || !(e.getValue() instanceof Map<?, ?> entry)) {
                    throw new WeightsFormatException(file + ": optimizer state for parameter " + e.getKey()
                            + " does not fit this generator (" + parameterOrder.size() + " parameters)");
                }
                String name = parameterOrder.get(index);
                maxStep = Math.max(maxStep, putState(adam, name, entry));
            }
        }
        int iteration = maxStep;
        String config = null;
        if (top.get("nada") instanceof Map<?, ?> nada) {
            iteration = (int) number(nada.get("iteration"));
            if (nada.get("optimizer_extra") instanceof Map<?, ?> extra) {
                for (Map.Entry<?, ?> e : extra.entrySet()) {
                    if (!(e.getKey() instanceof String name) || parameterOrder.contains(name)
                            || !(e.getValue() instanceof Map<?, ?> entry)
                            || !(entry.get("exp_avg") instanceof TensorData) || !(entry.get("exp_avg_sq") instanceof TensorData)) {
                        throw new WeightsFormatException(file + ": unreadable optimizer state '" + e.getKey() + "'");
                    }
                    putState(adam, name, entry);
                }
            }
            config = nada.get("config") instanceof String s ? s : null;
        }
        return new Contents(generator, adam, iteration, config);
    }

    /** One parameter's state as PyTorch's Adam keeps it: {step, exp_avg, exp_avg_sq}. */
    private static Map<String, Object> entry(Adam.State s, Map<String, TensorData> moments, String name) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("step", TensorData.ofFloats(new long[0], new float[] {s.step()}));
        entry.put("exp_avg", moments.get(name + ".exp_avg"));
        entry.put("exp_avg_sq", moments.get(name + ".exp_avg_sq"));
        return entry;
    }

    /** Puts an {@link #entry} read back under {@code name}'s keys, as {@link Adam#load} reads them; returns its step. */
    private static int putState(Map<String, TensorData> adam, String name, Map<?, ?> entry) {
        int step = (int) Math.round(number(entry.get("step")));
        adam.put(name + ".step", TensorData.ofLongs(new long[0], new long[] {step}));
        adam.put(name + ".exp_avg", (TensorData) entry.get("exp_avg"));
        adam.put(name + ".exp_avg_sq", (TensorData) entry.get("exp_avg_sq"));
        return step;
    }

    /** The run configuration stored in a checkpoint written here (null for the reference's). */
    public static String readConfigJson(Path file) throws IOException {
        Object tree = Checkpoints.read(file);
        if (tree instanceof Map<?, ?> top && top.get("nada") instanceof Map<?, ?> nada
                && nada.get("config") instanceof String s) {
            return s;
        }
        return null;
    }

    private static double number(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof TensorData t && t.numel() == 1) {
            return t.getDouble(0);
        }
        throw new IllegalArgumentException("expected a number, found " + o);
    }
}
