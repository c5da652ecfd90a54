package studio.nada.weights;

import ai.djl.ndarray.types.DataType;

/** Element types found in checkpoints, with their safetensors names and byte sizes. */
public enum DType {
    BOOL("BOOL", 1),
    U8("U8", 1),
    I8("I8", 1),
    I16("I16", 2),
    /** Unsigned 16/32-bit (numpy-written safetensors); widened to I32/I64 before they reach DJL. */
    U16("U16", 2),
    I32("I32", 4),
    U32("U32", 4),
    I64("I64", 8),
    F16("F16", 2),
    BF16("BF16", 2),
    F32("F32", 4),
    F64("F64", 8);

    private final String safetensorsName;
    private final int byteSize;

    DType(String safetensorsName, int byteSize) {
        this.safetensorsName = safetensorsName;
        this.byteSize = byteSize;
    }

    public String safetensorsName() {
        return safetensorsName;
    }

    public int byteSize() {
        return byteSize;
    }

    public boolean isFloating() {
        return this == F16 || this == BF16 || this == F32 || this == F64;
    }

    public static DType fromSafetensors(String name) {
        for (DType t : values()) {
            if (t.safetensorsName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("Unsupported safetensors dtype '" + name + "'");
    }

    /**
     * The DJL type an array of this dtype becomes; BF16 maps to F32 (a BF16 NDArray crashes the JVM),
     * U16 and U32 widen to I32 and I64 (libtorch has no usable unsigned types beyond U8).
     */
    public DataType toDjl() {
        return switch (this) {
            case BOOL -> DataType.BOOLEAN;
            case U8 -> DataType.UINT8;
            case I8 -> DataType.INT8;
            case I16 -> DataType.INT16;
            case I32, U16 -> DataType.INT32;
            case I64, U32 -> DataType.INT64;
            case F16 -> DataType.FLOAT16;
            case BF16, F32 -> DataType.FLOAT32;
            case F64 -> DataType.FLOAT64;
        };
    }

    public static DType fromDjl(DataType type) {
        return switch (type) {
            case BOOLEAN -> BOOL;
            case UINT8 -> U8;
            case INT8 -> I8;
            case INT16 -> I16;
            case INT32 -> I32;
            case INT64 -> I64;
            case FLOAT16 -> F16;
            case FLOAT32 -> F32;
            case FLOAT64 -> F64;
            default -> throw new IllegalArgumentException("No checkpoint dtype for DJL type " + type);
        };
    }
}
