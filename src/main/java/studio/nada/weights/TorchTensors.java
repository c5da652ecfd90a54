package studio.nada.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * Turns {@code _rebuild_tensor_v2(storage, offset, size, stride, ...)} into a contiguous row-major
 * {@link TensorData}: views, permuted or expanded strides and shared storages are materialized,
 * after checking that every element they address lies inside the storage.
 */
final class TorchTensors {
    private TorchTensors() {}

    static TensorData rebuild(StorageRef storage, Object offsetArg, Object sizeArg, Object strideArg)
            throws WeightsFormatException {
        long offset = asLong(offsetArg, "storage offset");
        long[] shape = longs(sizeArg, "size");
        long[] stride = longs(strideArg, "stride");
        if (stride.length != shape.length) {
            throw new WeightsFormatException("tensor has " + shape.length + " dimensions but "
                    + stride.length + " strides");
        }
        long numel = 1;
        long last = offset;
        try {
            for (int i = 0; i < shape.length; i++) {
                if (shape[i] < 0 || stride[i] < 0) {
                    throw new WeightsFormatException("tensor has a negative size or stride: size "
                            + Arrays.toString(shape) + ", stride " + Arrays.toString(stride));
                }
                numel = Math.multiplyExact(numel, shape[i]);
                if (shape[i] > 0) {
                    last = Math.addExact(last, Math.multiplyExact(shape[i] - 1, stride[i]));
                }
            }
        } catch (ArithmeticException e) {
            throw new WeightsFormatException("tensor size overflows: " + Arrays.toString(shape));
        }
        int elem = storage.dtype.byteSize();
        if (numel == 0) {
            return new TensorData(storage.dtype, shape, ByteBuffer.allocate(0));
        }
        if (offset < 0 || last >= storage.numel) {
            throw new WeightsFormatException("tensor " + Arrays.toString(shape) + " (offset " + offset + ", stride "
                    + Arrays.toString(stride) + ") reaches element " + last + " of storage '" + storage.key
                    + "', which holds only " + storage.numel);
        }
        if (numel * elem > Integer.MAX_VALUE - 8) {
            throw new WeightsFormatException("tensor " + Arrays.toString(shape) + " is over 2 GB, which is not supported");
        }
        ByteBuffer src = storage.bytes().order(ByteOrder.LITTLE_ENDIAN);
        long base = storage.elementOffset + offset;
        if (isContiguous(shape, stride)) {
            // a plain slice: shared with the storage, no copy (TensorData never writes its bytes)
            int from = Math.toIntExact(base * elem);
            return new TensorData(storage.dtype, shape, src.slice(from, (int) (numel * elem)));
        }
        return new TensorData(storage.dtype, shape, gather(src, base, shape, stride, elem, (int) numel));
    }

    private static ByteBuffer gather(ByteBuffer src, long base, long[] shape, long[] stride, int elem, int numel) {
        ByteBuffer out = ByteBuffer.allocate(numel * elem).order(ByteOrder.LITTLE_ENDIAN);
        int dims = shape.length;
        long[] index = new long[dims];
        byte[] one = new byte[elem];
        for (int n = 0; n < numel; n++) {
            long pos = base;
            for (int d = 0; d < dims; d++) {
                pos += index[d] * stride[d];
            }
            src.get(Math.toIntExact(pos * elem), one);
            out.put(one);
            for (int d = dims - 1; d >= 0; d--) {
                if (++index[d] < shape[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        return out.flip();
    }

    /** Row-major contiguous, ignoring the strides of size-1 dimensions (PyTorch does the same). */
    static boolean isContiguous(long[] shape, long[] stride) {
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    static long asLong(Object o, String what) throws WeightsFormatException {
        if (o instanceof Long l) {
            return l;
        }
        throw new WeightsFormatException("tensor " + what + " is not an integer: " + o);
    }

    private static long[] longs(Object o, String what) throws WeightsFormatException {
        if (!(o instanceof List<?> list)) {
            throw new WeightsFormatException("tensor " + what + " is not a tuple: " + o);
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = asLong(list.get(i), what);
        }
        return out;
    }
}
