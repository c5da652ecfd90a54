package studio.nada.nada;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import studio.nada.engine.StepScope;
import studio.nada.engine.TensorEngine;
import studio.nada.nn.ParameterStore;
import studio.nada.testing.Close;
import studio.nada.testing.Fixtures;
import studio.nada.weights.Safetensors;
import studio.nada.weights.TensorData;

/**
 * The optimizer alone against the reference (MANIFEST 6.6 recipe): parameters before iteration i
 * are sg2_tiny overwritten by all earlier param_after, the recorded gradients are injected (zeros
 * for the other synthesis parameters, which the reference steps too), and every changed
 * parameter must equal param_after within 1e-6 (the MANIFEST's Adam tolerance).
 */
class AdamParityTest {
    private static final String PREFIX = "generator.";

    @Test
    void threeRecordedStepsMatch() throws Exception {
        Map<String, TensorData> weights = Safetensors.read(Fixtures.golden("sg2_tiny_weights.safetensors")).tensors();
        Map<String, TensorData> io = Safetensors.read(Fixtures.golden("nada_step_io.safetensors")).tensors();
        try (NDManager root = TensorEngine.newManager(Device.cpu())) {
            ParameterStore params = ParameterStore.fromTensors(root, weights);
            Map<String, NDArray> byName = new LinkedHashMap<>();
            for (String n : params.names()) {
                if (!n.startsWith("style.") && !n.startsWith("noises.") && !n.endsWith(".kernel")) {
                    byName.put(n, params.get(n));
                }
            }
            assertEquals(52, byName.size(), "synthesis parameters");
            Adam adam = new Adam(Adam.Hyper.nada(), root);
            double worst = 0;
            for (int it = 0; it < 3; it++) {
                try (StepScope scope = StepScope.open(root, params.arrays())) {
                    scope.attach(adam.arrays());
                    Map<String, NDArray> grads = new LinkedHashMap<>();
                    for (Map.Entry<String, NDArray> e : byName.entrySet()) {
                        TensorData g = io.get("it" + it + "/adam/grad/" + PREFIX + e.getKey());
                        grads.put(e.getKey(), g != null ? g.toNDArray(scope.manager())
                                : scope.manager().zeros(e.getValue().getShape()));
                    }
                    adam.step(byName, grads);
                }
                int changed = 0;
                for (String n : byName.keySet()) {
                    TensorData after = io.get("it" + it + "/adam/param_after/" + PREFIX + n);
                    if (after != null) {
                        worst = Math.max(worst, Close.assertClose(after, byName.get(n), 1e-6, "it" + it + " " + n));
                        changed++;
                    }
                }
                assertTrue(changed >= 14, "iteration " + it + " changed " + changed);
            }
            for (String n : byName.keySet()) {
                assertEquals(3, adam.state().get(n).step(), n + " step count");
                Close.assertClose(io.get("after3/" + n), byName.get(n), 1e-6, "after3 " + n);
            }
        }
    }
}
