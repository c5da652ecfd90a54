package studio.nada.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import studio.nada.engine.TensorEngine;

class Upfirdn2dTest {
    @Test
    void kernelIsTheNormalizedOuterProduct() {
        float[] k = Upfirdn2d.makeKernel(new float[] {1, 3, 3, 1}, 4f);
        assertArrayEquals(new float[] {0.0625f, 0.1875f, 0.1875f, 0.0625f}, java.util.Arrays.copyOf(k, 4), 0f);
        assertArrayEquals(new float[] {0.1875f, 0.5625f}, java.util.Arrays.copyOfRange(k, 4, 6), 0f);
    }

    @Test
    void zeroInsertionPutsZerosAfterEverySample() {
        try (NDManager m = TensorEngine.newManager(Device.cpu())) {
            NDArray x = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
            assertArrayEquals(new float[] {1, 0, 2, 0, 0, 0, 0, 0, 3, 0, 4, 0, 0, 0, 0, 0},
                    Upfirdn2d.zeroInsert(x, 2).toFloatArray(), 0f);
        }
    }

    /**
     * The float32 gradient of up-sampling and blur equals the float64 one. This pins a libtorch
     * 2.7.1 CPU quirk: a single-output-channel float32 conv (the reference's layout) has a wrong
     * backward, so upfirdn2d must stay depthwise.
     */
    @Test
    void float32GradientsMatchFloat64() {
        try (NDManager m = TensorEngine.newManager(Device.cpu())) {
            NDArray k = Upfirdn2d.kernel(m, new float[] {1, 3, 3, 1}, 4f);
            assertGradientsAgree(m, x -> Upfirdn2d.upfirdn2d(x, k.toType(x.getDataType(), false), 2, 2, 1),
                    new Shape(2, 3, 5, 5));
            assertGradientsAgree(m, x -> Upfirdn2d.upfirdn2d(x, k.toType(x.getDataType(), false), 1, 1, 1),
                    new Shape(2, 3, 9, 9));
        }
    }

    private static void assertGradientsAgree(NDManager m, Function<NDArray, NDArray> f, Shape shape) {
        NDArray x = m.randomNormal(shape);
        NDArray r = m.randomNormal(f.apply(x).getShape());
        float[] g32 = gradient(f, x, r);
        float[] g64 = gradient(f, x.toType(DataType.FLOAT64, false), r.toType(DataType.FLOAT64, false));
        for (int i = 0; i < g32.length; i++) {
            assertTrue(Math.abs(g32[i] - g64[i]) < 1e-5, "gradient element " + i + ": " + g32[i] + " vs " + g64[i]);
        }
    }

    private static float[] gradient(Function<NDArray, NDArray> f, NDArray x, NDArray r) {
        NDArray in = x.duplicate();
        in.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(f.apply(in).mul(r).sum());
            return in.getGradient().toType(DataType.FLOAT32, false).toFloatArray();
        }
    }
}
