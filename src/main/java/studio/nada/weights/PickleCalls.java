package studio.nada.weights;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.nada.weights.PickleGlobals.Global;

/**
 * What REDUCE, NEWOBJ and BUILD do with whitelisted globals: each case is written out here, so
 * the only "code" a checkpoint can reach is this file.
 */
final class PickleCalls {
    private PickleCalls() {}

    static Object call(Global g, List<Object> args) throws WeightsFormatException {
        return switch (g.kind()) {
            case ORDERED_DICT -> orderedDict(args);
            case REBUILD_TENSOR_V2, REBUILD_TENSOR -> {
                // (storage, offset, size, stride[, requires_grad, backward_hooks[, metadata]])
                need(g, args, 4);
                if (!(args.get(0) instanceof StorageRef storage)) {
                    throw new WeightsFormatException(g + " needs a storage, got " + Unpickler.typeName(args.get(0)));
                }
                if (!storage.hasData()) {
                    yield storage; // dry run: the storage bytes come later in the file
                }
                yield TorchTensors.rebuild(storage, args.get(1), args.get(2), args.get(3));
            }
            case REBUILD_PARAMETER -> { // (data, requires_grad, backward_hooks[, state])
                need(g, args, 1);
                yield args.get(0);
            }
            case REBUILD_FROM_TYPE_V2 -> { // (func, type, args, state): a tensor subclass, rebuilt as a tensor
                need(g, args, 3);
                if (!(args.get(0) instanceof Global func) || !(args.get(2) instanceof List<?> inner)) {
                    throw new WeightsFormatException(g + " with unexpected arguments");
                }
                @SuppressWarnings("unchecked")
                List<Object> innerArgs = (List<Object>) inner;
                yield call(func, innerArgs);
            }
            case OBJECT_CLASS -> new PickledObject(g.name(), new LinkedHashMap<>());
            case RECONSTRUCTOR -> { // copyreg._reconstructor(cls, base, state): a plain instance of cls
                need(g, args, 1);
                if (!(args.get(0) instanceof Global cls) || cls.kind() != PickleGlobals.Kind.OBJECT_CLASS) {
                    throw new WeightsFormatException(g + " of " + args.get(0) + " is not allowed");
                }
                yield new PickledObject(cls.name(), new LinkedHashMap<>());
            }
            case FIRST_ARG -> {
                need(g, args, 1);
                yield args.get(0);
            }
            case AS_LIST -> args.isEmpty() ? new ArrayList<>() : new ArrayList<>(asList(g, args.get(0)));
            case DEVICE -> {
                need(g, args, 1);
                yield String.valueOf(args.get(0));
            }
            case CODECS_ENCODE -> { // protocol-2 bytes: _codecs.encode(text, 'latin1')
                need(g, args, 1);
                yield String.valueOf(args.get(0)).getBytes(StandardCharsets.ISO_8859_1);
            }
            case STORAGE_TYPE, TYPE_MARKER -> throw new WeightsFormatException(g + " cannot be called");
        };
    }

    /** BUILD: sets the state of an object made by REDUCE/NEWOBJ. */
    static void build(Object target, Object state) throws WeightsFormatException {
        if (target instanceof PickledObject obj) {
            Map<?, ?> attrs = stateDict(state);
            if (attrs != null) {
                attrs.forEach((k, v) -> obj.attributes().put(String.valueOf(k), v));
            }
        } else if (target instanceof Map<?, ?> || target instanceof TensorData) {
            // OrderedDict state (the state_dict's _metadata versions) and tensor attributes are not needed
        } else {
            throw new WeightsFormatException("cannot BUILD the state of a " + Unpickler.typeName(target));
        }
    }

    /** The dict of a BUILD state: a dict, or (dict, slots) as Python writes objects with __slots__. */
    private static Map<?, ?> stateDict(Object state) throws WeightsFormatException {
        if (state == null || state instanceof Map<?, ?>) {
            return (Map<?, ?>) state;
        }
        if (state instanceof List<?> pair && pair.size() == 2) {
            Map<Object, Object> merged = new LinkedHashMap<>();
            for (Object part : pair) {
                if (part instanceof Map<?, ?> m) {
                    merged.putAll(m);
                }
            }
            return merged;
        }
        throw new WeightsFormatException("object state is a " + Unpickler.typeName(state) + ", not a dict");
    }

    private static Map<Object, Object> orderedDict(List<Object> args) throws WeightsFormatException {
        Map<Object, Object> map = new LinkedHashMap<>();
        if (!args.isEmpty() && args.get(0) != null) {
            // OrderedDict([[k, v], ...]) as old (protocol <= 2, Python 2) pickles write it
            for (Object pair : asList(null, args.get(0))) {
                if (!(pair instanceof List<?> kv) || kv.size() != 2) {
                    throw new WeightsFormatException("OrderedDict item is not a (key, value) pair: " + pair);
                }
                map.put(kv.get(0), kv.get(1));
            }
        }
        return map;
    }

    private static List<?> asList(Global g, Object o) throws WeightsFormatException {
        if (o instanceof List<?> l) {
            return l;
        }
        throw new WeightsFormatException((g == null ? "" : g + ": ") + "expected a list, got " + Unpickler.typeName(o));
    }

    private static void need(Global g, List<Object> args, int n) throws WeightsFormatException {
        if (args.size() < n) {
            throw new WeightsFormatException(g + " needs " + n + " arguments, got " + args.size());
        }
    }
}
