package studio.nada.weights;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Flattens an unpickled checkpoint tree into named tensors, the way PyTorch names state_dict entries. */
public final class StateDicts {
    /** Deeper trees are refused: real checkpoints nest a handful of levels, a cyclic pickle forever. */
    private static final int MAX_DEPTH = 64;

    private StateDicts() {}

    /**
     * Every tensor of a tree, in order, by path: dict keys (and object attributes) joined with
     * '.', list items as {@code [i]}; a bare tensor is named "". Other leaves are skipped.
     */
    public static LinkedHashMap<String, TensorData> flatten(Object tree) throws WeightsFormatException {
        LinkedHashMap<String, TensorData> out = new LinkedHashMap<>();
        walk(tree, "", 0, out, null);
        return out;
    }

    /** The non-tensor leaves of a tree (numbers, strings, booleans, None), by the same paths. */
    public static LinkedHashMap<String, Object> flattenValues(Object tree) throws WeightsFormatException {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        walk(tree, "", 0, null, out);
        return out;
    }

    private static void walk(Object node, String path, int depth, Map<String, TensorData> tensors,
            Map<String, Object> values) throws WeightsFormatException {
        if (depth > MAX_DEPTH) {
            throw new WeightsFormatException("checkpoint nests deeper than " + MAX_DEPTH + " levels at '" + path + "'");
        }
        if (node instanceof TensorData t) {
            if (tensors != null) {
                tensors.put(path, t);
            }
        } else if (node instanceof PickledObject o) {
            walk(o.attributes(), path, depth + 1, tensors, values);
        } else if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                walk(e.getValue(), path.isEmpty() ? key : path + "." + key, depth + 1, tensors, values);
            }
        } else if (node instanceof List<?> l) {
            if (values != null && !containsContainers(l)) {
                values.put(path, new ArrayList<>(l));
                return;
            }
            for (int i = 0; i < l.size(); i++) {
                walk(l.get(i), path + "[" + i + "]", depth + 1, tensors, values);
            }
        } else if (values != null) {
            values.put(path, node);
        }
    }

    private static boolean containsContainers(List<?> l) {
        return l.stream().anyMatch(o -> o instanceof Map || o instanceof List || o instanceof TensorData
                || o instanceof PickledObject);
    }

    /** A short description of a node, for listings: "dict of 73 tensors", "tensor F32 [64]", "float 0.5"... */
    public static String describe(Object node) throws WeightsFormatException {
        if (node instanceof TensorData t) {
            return "tensor " + t;
        }
        if (node instanceof Map<?, ?> || node instanceof PickledObject) {
            Map<?, ?> m = node instanceof PickledObject o ? o.attributes() : (Map<?, ?>) node;
            String what = node instanceof PickledObject o ? "object " + o.className() : "dict";
            int n = flatten(node).size();
            return what + " of " + m.size() + (m.size() == 1 ? " entry" : " entries")
                    + (n > 0 ? ", " + n + (n == 1 ? " tensor" : " tensors") : "");
        }
        if (node instanceof List<?> l) {
            return "list of " + l.size() + (l.size() == 1 ? " item" : " items");
        }
        if (node instanceof Long || node instanceof java.math.BigInteger) {
            return "int " + node;
        }
        if (node instanceof Double) {
            return "float " + node;
        }
        if (node instanceof Boolean b) {
            return "bool " + (b ? "True" : "False");
        }
        if (node instanceof String s) {
            return "str '" + (s.length() > 60 ? s.substring(0, 57) + "..." : s) + "'";
        }
        return node == null ? "None" : Unpickler.typeName(node);
    }
}
