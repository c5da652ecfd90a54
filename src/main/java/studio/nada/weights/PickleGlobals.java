package studio.nada.weights;

import java.util.Map;

/**
 * The whitelist of the restricted unpickler: the only Python globals a checkpoint may name. Each
 * resolves to a {@link Global} the unpickler interprets itself; nothing is ever looked up or run.
 * Anything else ({@code os.system}, {@code builtins.eval}, a model class) is refused by name.
 */
final class PickleGlobals {
    /** What a whitelisted global does when called (REDUCE / NEWOBJ) in this unpickler. */
    enum Kind {
        ORDERED_DICT, REBUILD_TENSOR_V2, REBUILD_TENSOR, REBUILD_PARAMETER, REBUILD_FROM_TYPE_V2,
        STORAGE_TYPE, OBJECT_CLASS, RECONSTRUCTOR, FIRST_ARG, AS_LIST, DEVICE, CODECS_ENCODE, TYPE_MARKER
    }

    /** A resolved global; {@code dtype} is set for storage types. */
    record Global(String name, Kind kind, DType dtype) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Map<String, Kind> FIXED = Map.ofEntries(
            Map.entry("collections.OrderedDict", Kind.ORDERED_DICT),
            Map.entry("torch._utils._rebuild_tensor_v2", Kind.REBUILD_TENSOR_V2),
            Map.entry("torch._utils._rebuild_tensor", Kind.REBUILD_TENSOR),
            Map.entry("torch._utils._rebuild_parameter", Kind.REBUILD_PARAMETER),
            Map.entry("torch._utils._rebuild_parameter_with_state", Kind.REBUILD_PARAMETER),
            Map.entry("torch._tensor._rebuild_from_type_v2", Kind.REBUILD_FROM_TYPE_V2),
            Map.entry("torch.Tensor", Kind.TYPE_MARKER),
            Map.entry("torch.nn.parameter.Parameter", Kind.TYPE_MARKER),
            Map.entry("builtins.object", Kind.TYPE_MARKER),
            Map.entry("__builtin__.object", Kind.TYPE_MARKER),
            Map.entry("argparse.Namespace", Kind.OBJECT_CLASS),
            Map.entry("copyreg._reconstructor", Kind.RECONSTRUCTOR),
            Map.entry("copy_reg._reconstructor", Kind.RECONSTRUCTOR),
            Map.entry("torch.Size", Kind.AS_LIST),
            Map.entry("builtins.set", Kind.AS_LIST),
            Map.entry("builtins.frozenset", Kind.AS_LIST),
            Map.entry("__builtin__.set", Kind.AS_LIST),
            Map.entry("torch.device", Kind.DEVICE),
            Map.entry("_codecs.encode", Kind.CODECS_ENCODE),
            // TorchScript's pickler wraps typed lists and values in these identity helpers
            Map.entry("torch.jit._pickle.build_intlist", Kind.FIRST_ARG),
            Map.entry("torch.jit._pickle.build_doublelist", Kind.FIRST_ARG),
            Map.entry("torch.jit._pickle.build_boollist", Kind.FIRST_ARG),
            Map.entry("torch.jit._pickle.build_tensorlist", Kind.FIRST_ARG),
            Map.entry("torch.jit._pickle.build_intlist_", Kind.FIRST_ARG),
            Map.entry("torch.jit._pickle.restore_type_tag", Kind.FIRST_ARG));

    private final boolean allowTorchScriptClasses;

    /** @param allowTorchScriptClasses whether {@code __torch__.*} module classes may appear (TorchScript archives) */
    PickleGlobals(boolean allowTorchScriptClasses) {
        this.allowTorchScriptClasses = allowTorchScriptClasses;
    }

    Global resolve(String module, String name) throws WeightsFormatException {
        String full = module + "." + name;
        Kind kind = FIXED.get(full);
        if (kind != null) {
            return new Global(full, kind, null);
        }
        if (module.equals("torch") && name.endsWith("Storage")) {
            return new Global(full, Kind.STORAGE_TYPE, TorchStorages.dtypeOf(name));
        }
        if (allowTorchScriptClasses && (module.equals("__torch__") || module.startsWith("__torch__."))) {
            return new Global(full, Kind.OBJECT_CLASS, null);
        }
        throw new WeightsFormatException("refusing to load global " + full
                + ": a checkpoint may hold only tensors, storages and plain containers (nothing is executed)");
    }
}
