package studio.nada.weights;

import java.util.Map;

/** PyTorch's storage class names ({@code torch.FloatStorage} ...) and their element types. */
final class TorchStorages {
    private static final Map<String, DType> BY_NAME = Map.of(
            "FloatStorage", DType.F32,
            "DoubleStorage", DType.F64,
            "HalfStorage", DType.F16,
            "BFloat16Storage", DType.BF16,
            "LongStorage", DType.I64,
            "IntStorage", DType.I32,
            "ShortStorage", DType.I16,
            "CharStorage", DType.I8,
            "ByteStorage", DType.U8,
            "BoolStorage", DType.BOOL);

    private TorchStorages() {}

    static DType dtypeOf(String storageClass) throws WeightsFormatException {
        DType t = BY_NAME.get(storageClass);
        if (t == null) {
            throw new WeightsFormatException("unsupported storage type torch." + storageClass
                    + " (supported: " + String.join(", ", BY_NAME.keySet().stream().sorted().toList()) + ")");
        }
        return t;
    }

    /** The storage class that holds a dtype, as {@code torch.save} names it. */
    static String storageClass(DType dtype) throws WeightsFormatException {
        for (Map.Entry<String, DType> e : BY_NAME.entrySet()) {
            if (e.getValue() == dtype) {
                return e.getKey();
            }
        }
        throw new WeightsFormatException("PyTorch has no storage type for " + dtype + " tensors");
    }
}
