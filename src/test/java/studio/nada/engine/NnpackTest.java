package studio.nada.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The engine starts with NNPACK off where libtorch's switch can be reached, and convolutions still run. */
class NnpackTest {
    @Test
    void theStartedEngineHasNnpackOff() {
        TensorEngine.get();
        Optional<Boolean> on = Nnpack.enabled();
        assumeTrue(on.isPresent(), "libtorch's NNPACK switch is not reachable on this platform");
        assertFalse(on.get(), "TensorEngine.get() turns NNPACK off");
    }

    @Test
    void aBatchOfSixteenConvolvesWithItOff() {
        // 16 pictures and a 3x3 kernel: the shape for which PyTorch would ask NNPACK first
        try (NDManager m = TensorEngine.newManager(ai.djl.Device.cpu())) {
            NDArray x = m.ones(new Shape(16, 2, 8, 8));
            NDArray w = m.ones(new Shape(3, 2, 3, 3));
            NDArray y = studio.nada.nn.Conv.conv2d(x, w, null, 1, 1);
            assertEquals(new Shape(16, 3, 8, 8), y.getShape());
            assertEquals(18f, y.getFloat(0, 0, 4, 4), 1e-5f, "an inside pixel sums 2 channels x 9 taps");
            assertEquals(8f, y.getFloat(0, 0, 0, 0), 1e-5f, "a corner sees 2 x 4 taps");
        }
    }
}
