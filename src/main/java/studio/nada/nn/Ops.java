package studio.nada.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar arithmetic and constants that are safe under autograd. On CPU, DJL creates arrays from
 * Java data zero-copy on a direct buffer that only the NDArray handle keeps alive, and its
 * {@code x.mul(Number)} closes its scalar right after the op; when autograd saved that scalar for
 * backward, the buffer could be garbage-collected before backward read it (wrong gradients, NaN,
 * at random). Everything here lives in libtorch's own memory instead.
 */
public final class Ops {
    private static final Shape SCALAR = new Shape();

    private Ops() {}

    /** A 0-dim tensor of x's dtype on x's manager, allocated by libtorch. */
    public static NDArray scalar(NDArray like, double value) {
        return like.getManager().full(SCALAR, (float) value, like.getDataType());
    }

    public static NDArray mul(NDArray x, double v) {
        return x.mul(scalar(x, v));
    }

    public static NDArray div(NDArray x, double v) {
        return x.div(scalar(x, v));
    }

    public static NDArray add(NDArray x, double v) {
        return x.add(scalar(x, v));
    }

    /** max(x, v), element-wise. */
    public static NDArray maximum(NDArray x, double v) {
        return x.maximum(scalar(x, v));
    }

    /** 1 / √x, as ATen's rsqrt computes it on CPU. */
    public static NDArray rsqrt(NDArray x) {
        return scalar(x, 1.0).div(x.sqrt());
    }

    /**
     * √(x² + s²) − s, element-wise: |x| where |x| is well above s, quadratic below, so its gradient
     * does not turn float rounding (x ≈ ±1e-6) into pushes of full size, as |x|'s sign(x) does.
     */
    public static NDArray smoothAbs(NDArray x, float s) {
        return x.square().add(s * s).sqrt().sub(s);
    }

    /** v − x. */
    public static NDArray rsub(double v, NDArray x) {
        return scalar(x, v).sub(x);
    }

    /** A constant from Java data, copied into libtorch's memory (safe to save for backward). */
    public static NDArray constant(NDManager manager, float[] data, Shape shape) {
        try (NDArray blob = manager.create(data, shape)) {
            return blob.duplicate();
        }
    }

    public static NDArray constant(NDManager manager, int[] data, Shape shape) {
        try (NDArray blob = manager.create(data, shape)) {
            return blob.duplicate();
        }
    }

    /** A copy of {@code array} in libtorch's memory; the original handle is closed. */
    public static NDArray toNative(NDArray array) {
        NDArray copy = array.duplicate();
        copy.setName(array.getName());
        array.close();
        return copy;
    }
}
