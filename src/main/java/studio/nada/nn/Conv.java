package studio.nada.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** 2-D convolution (cross-correlation, as F.conv2d) through DJL's internal op, with groups. */
public final class Conv {
    private static final Shape ONE = new Shape(1, 1);

    private Conv() {}

    /** x [N, C·g, H, W], weight [O, C, kh, kw], stride 1, symmetric zero padding. */
    public static NDArray conv2d(NDArray x, NDArray weight, NDArray bias, int padding, int groups) {
        return x.getNDArrayInternal()
                .convolution(x, weight, bias, ONE, new Shape(padding, padding), ONE, groups)
                .singletonOrThrow();
    }

    /** Same, with a stride (patch embeddings). */
    public static NDArray conv2d(NDArray x, NDArray weight, NDArray bias, int stride, int padding, int groups) {
        return x.getNDArrayInternal()
                .convolution(x, weight, bias, new Shape(stride, stride), new Shape(padding, padding), ONE, groups)
                .singletonOrThrow();
    }
}
