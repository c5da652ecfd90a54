package studio.nada.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import studio.nada.weights.TensorData;

/**
 * A model's state dict on the device: names exactly as the checkpoint's (rosinality or OpenAI),
 * in checkpoint order, parameters and buffers alike. Blocks take their arrays from here, so a
 * loaded {@code .pt} maps 1:1 and can be written back with the same keys.
 */
public final class ParameterStore {
    private final NDManager manager;
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();
    private final Set<String> buffers = new java.util.HashSet<>();

    public ParameterStore(NDManager manager) {
        this.manager = manager;
    }

    /** Loads every floating tensor as F32 (F16/BF16/F64 converted). */
    public static ParameterStore fromTensors(NDManager manager, Map<String, TensorData> tensors) {
        ParameterStore store = new ParameterStore(manager);
        for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
            TensorData t = e.getValue();
            NDArray a = t.dtype().isFloating() ? t.toFloatNDArray(manager) : t.toNDArray(manager);
            a.setName(e.getKey());
            store.arrays.put(e.getKey(), a);
        }
        return store;
    }

    public NDManager manager() {
        return manager;
    }

    public boolean contains(String name) {
        return arrays.containsKey(name);
    }

    /** The array called {@code name}; a clear error names it when absent or not floating point. */
    public NDArray get(String name) {
        NDArray a = arrays.get(name);
        if (a == null) {
            throw new MissingWeightException("missing key '" + name + "'");
        }
        if (a.getDataType() != DataType.FLOAT32) {
            // fromTensors turns every floating dtype into F32: anything else is integer or boolean
            String type = a.getDataType().name().toLowerCase(Locale.ROOT);
            throw new MissingWeightException("key '" + name + "' holds " + type + " values; a model's weights are"
                    + " floating point (F32, F16, BF16 or F64)");
        }
        return a;
    }

    /** The array called {@code name}, checked against the expected shape. */
    public NDArray get(String name, long... shape) {
        NDArray a = get(name);
        if (!Arrays.equals(a.getShape().getShape(), shape)) {
            throw new MissingWeightException("key '" + name + "' has shape " + a.getShape()
                    + ", expected " + Arrays.toString(shape));
        }
        return a;
    }

    public void put(String name, NDArray array) {
        array.setName(name);
        arrays.put(name, array);
    }

    /** Marks a key as a buffer (noise maps, FIR kernels): saved, never trained. */
    public void markBuffer(String name) {
        get(name);
        buffers.add(name);
    }

    /**
     * A buffer every real checkpoint holds but a file may lack (FIR kernels): the stored one, or
     * {@code fallback} derived from the config; shape-checked either way.
     */
    public NDArray buffer(String name, java.util.function.Supplier<NDArray> fallback, long... shape) {
        if (!contains(name)) {
            put(name, fallback.get());
        }
        markBuffer(name);
        return get(name, shape);
    }

    public boolean isBuffer(String name) {
        return buffers.contains(name);
    }

    public List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(arrays.keySet()));
    }

    public List<NDArray> arrays() {
        return new ArrayList<>(arrays.values());
    }

    /** Parameter names (not buffers) whose key starts with one of the prefixes. */
    public List<String> parameterNames() {
        List<String> out = new ArrayList<>();
        for (String n : arrays.keySet()) {
            if (!buffers.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    /** A deep copy on the same manager (the trainable twin of a frozen generator). */
    public ParameterStore copy() {
        return copy(manager);
    }

    /** A deep copy owned by {@code target}. */
    public ParameterStore copy(NDManager target) {
        ParameterStore c = new ParameterStore(target);
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            NDArray d = e.getValue().duplicate();
            d.attach(target);
            d.setName(e.getKey());
            c.arrays.put(e.getKey(), d);
        }
        c.buffers.addAll(buffers);
        return c;
    }

    /** The state dict as plain tensors, in order (F32 arrays stay F32). */
    public Map<String, TensorData> toTensors() {
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            NDArray a = e.getValue();
            out.put(e.getKey(), TensorData.of(a.getDataType() == DataType.FLOAT32 ? a : a.toType(DataType.FLOAT32, false)));
        }
        return out;
    }
}
