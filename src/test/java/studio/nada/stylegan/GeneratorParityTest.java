package studio.nada.stylegan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static studio.nada.testing.Close.assertClose;
import static studio.nada.testing.Close.assertCloseRelative;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import studio.nada.engine.StepScope;
import studio.nada.engine.TensorEngine;
import studio.nada.testing.Fixtures;
import studio.nada.weights.Safetensors;
import studio.nada.weights.TensorData;

/**
 * The generator against rosinality's own outputs (golden MANIFEST section 4), both configs.
 * Tolerances are the MANIFEST's: images and activations atol 1e-4 (values up to ~13, the
 * reference itself moves ~1e-6 between thread counts); gradients rtol 1e-4 of the largest
 * gradient (the reference moves 3.3e-6 relative between thread counts, 6e-5..1.8e-4 absolute
 * against float64).
 */
class GeneratorParityTest {
    private static final double IMAGE_ATOL = 1e-4;

    record Golden(Map<String, TensorData> weights, Map<String, TensorData> io) {
        TensorData io(String k) {
            TensorData t = io.get(k);
            if (t == null) {
                throw new IllegalArgumentException("fixture lacks " + k);
            }
            return t;
        }
    }

    static Golden golden(String name) throws IOException {
        return new Golden(Safetensors.read(Fixtures.golden(name + "_weights.safetensors")).tensors(),
                Safetensors.read(Fixtures.golden(name + "_io.safetensors")).tensors());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sg2_tiny", "sg2_tiny64"})
    void imagesMatchTheReference(String name) throws IOException {
        Golden g = golden(name);
        try (NDManager root = TensorEngine.newManager(Device.cpu())) {
            Generator gen = Generator.load(root, g.weights());
            int n = gen.config().nLatent();
            try (StepScope scope = StepScope.open(root, gen.arrays())) {
                NDManager m = scope.manager();
                NDArray z = g.io("z").toNDArray(m);
                NDArray w = gen.style(z);
                assertClose(g.io("w"), w, 1e-5, name + " w");
                assertClose(g.io("latent_z"), Latents.toWPlus(w, n), 1e-5, name + " latent_z");
                Map<String, NDArray> acts = new HashMap<>();
                NDArray img = gen.synthesis(Latents.toWPlus(w, n), Noise.stored(), acts::put);
                assertClose(g.io("img_z"), img, IMAGE_ATOL, name + " img_z");
                for (String layer : acts.keySet()) {
                    String key = "img_z_act/" + layer;
                    if (g.io().containsKey(key)) {
                        assertClose(g.io(key), acts.get(layer), IMAGE_ATOL, name + " " + key);
                    }
                }
                assertClose(g.io("img_z_style/conv1"), gen.conv1().conv().style(w), 1e-5, name + " style conv1");
                for (int i = 0; i < gen.convs().size(); i++) {
                    assertClose(g.io("img_z_style/convs." + i), gen.convs().get(i).conv().style(w), 1e-5,
                            name + " style convs." + i);
                }
                assertClose(g.io("img_wplus"), gen.synthesis(g.io("wplus").toNDArray(m), Noise.stored()),
                        IMAGE_ATOL, name + " img_wplus");

                NDArray mean = g.io("mean_latent").toNDArray(m);
                NDArray trunc = Latents.truncate(w, mean, g.io("truncation").getDouble(0));
                assertClose(g.io("img_trunc"), gen.synthesis(Latents.toWPlus(trunc, n), Noise.stored()),
                        IMAGE_ATOL, name + " img_trunc");

                int inject = (int) g.io("inject_index").getDouble(0);
                NDArray mixed = Latents.mix(w, gen.style(g.io("z2").toNDArray(m)), inject, n);
                assertClose(g.io("latent_mix"), mixed, 1e-5, name + " latent_mix");
                assertClose(g.io("img_mix"), gen.synthesis(mixed, Noise.stored()), IMAGE_ATOL, name + " img_mix");

                List<NDArray> maps = new ArrayList<>();
                for (int i = 0; i < gen.config().numLayers(); i++) {
                    maps.add(g.io("noise_explicit_" + i).toNDArray(m));
                }
                assertClose(g.io("img_noise"), gen.synthesis(Latents.toWPlus(w, n), Noise.explicit(maps)),
                        IMAGE_ATOL, name + " img_noise");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sg2_tiny", "sg2_tiny64"})
    void gradientsMatchTheReference(String name) throws IOException {
        Golden g = golden(name);
        try (NDManager root = TensorEngine.newManager(Device.cpu())) {
            Generator gen = Generator.load(root, g.weights());
            List<String> trainable = gen.params().parameterNames();
            for (String p : trainable) {
                gen.params().get(p).setRequiresGradient(true);
            }
            try (StepScope scope = StepScope.open(root, gen.arrays());
                    GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDManager m = scope.manager();
                NDArray wplus = g.io("wplus").toNDArray(m);
                wplus.setRequiresGradient(true);
                NDArray img = gen.synthesis(wplus, Noise.stored());
                NDArray loss = img.mul(g.io("grad_probe").toNDArray(m)).sum();
                assertClose(g.io("grad_loss"), loss.reshape(1), 1e-3, name + " grad_loss");
                gc.backward(loss);
                assertCloseRelative(g.io("grad_wplus"), wplus.getGradient(), 1e-4, name + " grad_wplus");
                int checked = 0;
                for (String p : trainable) {
                    String key = "grad/" + p;
                    if (g.io().containsKey(key)) {
                        assertCloseRelative(g.io(key), gen.params().get(p).getGradient(), 1e-4, name + " " + key);
                        checked++;
                    }
                }
                assertEquals(trainable.size() - 2 * gen.config().nMlp(), checked, "every synthesis gradient checked");
            }
        }
    }
}
