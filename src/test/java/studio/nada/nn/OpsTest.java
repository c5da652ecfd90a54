package studio.nada.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.nada.engine.Scopes;
import studio.nada.engine.TensorEngine;

class OpsTest {
    /**
     * The scalars and constants a block saves for backward survive its scope closing and the Java
     * garbage collector reusing the memory of closed DJL buffers (the failure mode: DJL's own
     * x.mul(Number) reads freed memory in backward).
     */
    @Test
    void savedScalarsAndConstantsOutliveTheirScope() {
        try (NDManager root = TensorEngine.newManager(Device.cpu())) {
            NDArray x = root.create(new float[] {1, 2, 3, 4}, new Shape(4));
            x = Ops.toNative(x);
            x.setRequiresGradient(true);
            float[] grad;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray in = x;
                NDArray y = Scopes.nested(root, List.of(in), () -> {
                    NDArray c = Ops.constant(in.getManager(), new float[] {10, 20, 30, 40}, new Shape(4));
                    return Ops.mul(Ops.div(in.mul(c), 4.0), 3.0);
                });
                HeapChurn.churn();
                gc.backward(y.sum());
                grad = x.getGradient().toFloatArray();
            }
            assertArrayEquals(new float[] {7.5f, 15f, 22.5f, 30f}, grad, 0f);
        }
    }

    /** |x| away from 0, and a gradient that rounding-size x cannot turn into ±1. */
    @Test
    void smoothAbsIsTheSizeAboveItsScaleAndQuadraticBelow() {
        try (NDManager root = TensorEngine.newManager(Device.cpu())) {
            NDArray x = Ops.toNative(root.create(new float[] {-0.5f, 0.5f, 1e-6f, -1e-6f}, new Shape(4)));
            x.setRequiresGradient(true);
            float[] value;
            float[] grad;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = Ops.smoothAbs(x, 0.02f);
                value = y.toFloatArray();
                gc.backward(y.sum());
                grad = x.getGradient().toFloatArray();
            }
            float big = (float) (Math.hypot(0.5, 0.02) - 0.02);
            assertArrayEquals(new float[] {big, big, 0, 0}, value, 1e-6f);
            assertArrayEquals(new float[] {-0.9992f, 0.9992f, 5e-5f, -5e-5f}, grad, 1e-4f);
        }
    }
}
