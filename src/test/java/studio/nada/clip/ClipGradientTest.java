package studio.nada.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.nada.engine.StepScope;
import studio.nada.weights.TensorData;

/** Gradients from a CLIP loss back to a [-1, 1] generator image, and flat memory over many calls. */
class ClipGradientTest {
    private static NDManager root;
    private static ClipModel model;
    private static Map<String, TensorData> io;

    @BeforeAll
    static void load() {
        io = Golden.read("clip_tiny_io.safetensors");
        root = Golden.cpuManager();
        model = Golden.tinyModel(root);
    }

    @AfterAll
    static void close() {
        if (root != null) {
            model.close();
            root.close();
        }
    }

    /**
     * Directional derivatives of 1 - cos(E_I(preprocess(x)), E_T) against central differences,
     * along the gradient itself and two random directions. Allowed error: 1% of |grad| (eps 1e-2
     * in fp32: truncation ~eps², rounding of a loss near 1 ~1e-7/eps; a wrong gradient misses by
     * the order of |grad|).
     */
    @Test
    void cosineLossGradientMatchesFiniteDifferences() {
        ClipPreprocess preprocess = ClipPreprocess.forModel(model);
        try (NDManager m = root.newSubManager()) {
            m.getEngine().setRandomSeed(5);
            NDArray x = m.randomUniform(-1f, 1f, new Shape(1, 3, 48, 48)); // resized 48 -> 32 on the way
            NDArray target = ClipModel.normalize(model.encodeText(io.get("tokens").toNDArray(m).get("0:1")));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                gc.backward(loss(preprocess, x, target));
            }
            NDArray grad = x.getGradient().duplicate();
            float gradNorm = grad.norm().getFloat();
            float eps = 1e-2f;
            for (int i = 0; i < 3; i++) {
                NDArray d = i == 0 ? grad : m.randomNormal(x.getShape());
                d = d.div(d.norm());
                float analytic = grad.mul(d).sum().getFloat();
                float plus = loss(preprocess, x.stopGradient().add(d.mul(eps)), target).getFloat();
                float minus = loss(preprocess, x.stopGradient().sub(d.mul(eps)), target).getFloat();
                float numeric = (plus - minus) / (2 * eps);
                assertEquals(analytic, numeric, 1e-2 * gradNorm,
                        "direction " + i + ": analytic " + analytic + " vs numeric " + numeric);
            }
            assertTrue(grad.abs().max().getFloat() > 0, "the gradient reaches the image");
        }
    }

    private static NDArray loss(ClipPreprocess preprocess, NDArray x, NDArray target) {
        NDArray f = ClipModel.normalize(model.encodeImage(preprocess.apply(x)));
        return f.mul(target).sum().neg().add(1f);
    }

    @Test
    void hundredEncodesInStepScopesLeaveNothingBehind() {
        int before = root.getManagedArrays().size();
        NDArray images = io.get("images").toNDArray(root);
        int withImages = root.getManagedArrays().size();
        for (int i = 0; i < 100; i++) {
            try (StepScope scope = StepScope.open(root)) {
                NDArray x = images.duplicate();
                x.attach(scope.manager());
                model.encodeImage(ClipPreprocess.normalize(x));
            }
        }
        assertEquals(withImages, root.getManagedArrays().size());
        images.close();
        assertEquals(before, root.getManagedArrays().size());
    }
}
