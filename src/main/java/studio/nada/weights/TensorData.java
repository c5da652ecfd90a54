package studio.nada.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A tensor read from (or to be written to) a weights file, held in plain Java memory: dtype,
 * shape and the contiguous row-major little-endian bytes. It crosses to DJL only through
 * {@link #toNDArray}, which turns BF16 into F32 first.
 */
public final class TensorData {
    private final DType dtype;
    private final long[] shape;
    private final ByteBuffer data;

    public TensorData(DType dtype, long[] shape, ByteBuffer data) {
        this.dtype = dtype;
        this.shape = shape.clone();
        this.data = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long expected = numel() * dtype.byteSize();
        if (this.data.remaining() != expected) {
            throw new IllegalArgumentException("Tensor of shape " + Arrays.toString(shape) + " and dtype "
                    + dtype + " needs " + expected + " bytes, got " + this.data.remaining());
        }
    }

    public static TensorData ofFloats(long[] shape, float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        return new TensorData(DType.F32, shape, buf);
    }

    public static TensorData ofLongs(long[] shape, long[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.asLongBuffer().put(values);
        return new TensorData(DType.I64, shape, buf);
    }

    private static TensorData ofInts(long[] shape, long[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            buf.putInt((int) v);
        }
        buf.flip();
        return new TensorData(DType.I32, shape, buf);
    }

    /** Copies an NDArray out of DJL (to CPU, contiguous). */
    public static TensorData of(NDArray array) {
        DType type = DType.fromDjl(array.getDataType());
        ByteBuffer bytes = array.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer copy = ByteBuffer.allocate(bytes.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        copy.put(bytes).flip();
        return new TensorData(type, array.getShape().getShape(), copy);
    }

    public DType dtype() {
        return dtype;
    }

    public long[] shape() {
        return shape.clone();
    }

    public long numel() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** The raw little-endian bytes (a read-only view). */
    public ByteBuffer bytes() {
        return data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Element i as a double, whatever the dtype. */
    public double getDouble(long i) {
        int off = Math.toIntExact(i * dtype.byteSize());
        return switch (dtype) {
            case BOOL, U8 -> data.get(data.position() + off) & 0xff;
            case I8 -> data.get(data.position() + off);
            case I16 -> data.getShort(data.position() + off);
            case U16 -> data.getShort(data.position() + off) & 0xffff;
            case I32 -> data.getInt(data.position() + off);
            case U32 -> data.getInt(data.position() + off) & 0xffffffffL;
            case I64 -> data.getLong(data.position() + off);
            case F16 -> HalfFloats.halfToFloat(data.getShort(data.position() + off));
            case BF16 -> HalfFloats.bf16ToFloat(data.getShort(data.position() + off));
            case F32 -> data.getFloat(data.position() + off);
            case F64 -> data.getDouble(data.position() + off);
        };
    }

    public float[] toFloatArray() {
        int n = Math.toIntExact(numel());
        float[] out = new float[n];
        if (dtype == DType.F32) {
            data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        }
        for (int i = 0; i < n; i++) {
            out[i] = (float) getDouble(i);
        }
        return out;
    }

    public long[] toLongArray() {
        int n = Math.toIntExact(numel());
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = (long) getDouble(i);
        }
        return out;
    }

    /** Sum of all elements, accumulated in double in row-major order. */
    public double sum() {
        double s = 0;
        long n = numel();
        for (long i = 0; i < n; i++) {
            s += getDouble(i);
        }
        return s;
    }

    /** This tensor as F32 (BF16, F16, F64 and integers converted in Java). */
    public TensorData toF32() {
        if (dtype == DType.F32) {
            return this;
        }
        return ofFloats(shape, toFloatArray());
    }

    /**
     * Creates an NDArray on the manager's device, in libtorch's own memory (DJL's CPU arrays from
     * Java data are views of a direct buffer that only the handle keeps alive, unsafe once autograd
     * holds them). BF16 becomes F32 in Java first: a BF16 NDArray crashes the JVM under DJL's
     * PyTorch engine.
     */
    public NDArray toNDArray(NDManager manager) {
        TensorData src = switch (dtype) {
            case BF16 -> toF32();
            case U16 -> ofInts(shape, toLongArray());
            case U32 -> ofLongs(shape, toLongArray());
            default -> this;
        };
        ByteBuffer direct = ByteBuffer.allocateDirect(Math.toIntExact(src.data.remaining()))
                .order(ByteOrder.nativeOrder());
        direct.put(src.data.duplicate()).flip();
        try (NDArray blob = manager.create(direct, new Shape(shape), src.dtype.toDjl())) {
            return blob.duplicate();
        }
    }

    /** This tensor as an F32 NDArray. */
    public NDArray toFloatNDArray(NDManager manager) {
        return toF32().toNDArray(manager);
    }

    @Override
    public String toString() {
        return dtype + Arrays.toString(shape);
    }
}
