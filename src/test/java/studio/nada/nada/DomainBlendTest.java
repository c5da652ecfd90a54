package studio.nada.nada;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.nada.engine.GradMode;
import studio.nada.engine.TensorEngine;
import studio.nada.export.Images;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.Truncation;
import studio.nada.testing.Close;
import studio.nada.testing.Fixtures;
import studio.nada.weights.Checkpoints;

class DomainBlendTest {
    @Test
    void blendsEverySynthesisParameterBetweenFrozenAndTrained() throws Exception {
        var sd = Checkpoints.stateDict(Fixtures.golden("sg2_tiny.pt"), "g_ema");
        try (NDManager root = TensorEngine.newManager(Device.cpu()); GradMode off = GradMode.disabled()) {
            Generator frozen = Generator.load(root, sd);
            Generator trained = new Generator(frozen.config(), frozen.params().copy(root));
            for (String n : SynthesisLayers.parameters(trained)) {
                NDArray p = trained.params().get(n);
                p.addi(root.randomNormal(p.getShape()).muli(0.1f));
            }
            String probe = "convs.1.conv.weight";
            float[] f = frozen.params().get(probe).toFloatArray();
            float[] t = trained.params().get(probe).toFloatArray();
            try (DomainBlend blend = new DomainBlend(frozen, root)) {
                float[] half = blend.blend(frozen, trained, 0.5).params().get(probe).toFloatArray();
                float[] expected = new float[f.length];
                for (int i = 0; i < f.length; i++) {
                    expected[i] = f[i] + 0.5f * (t[i] - f[i]);
                }
                // float32 arithmetic in another order than the expectation: a few ulps
                assertTrue(Close.maxAbsDiff(half, expected) < 1e-6);
                assertArrayEquals(frozen.params().get("style.1.weight").toFloatArray(),
                        blend.generator().params().get("style.1.weight").toFloatArray(), "the mapping network is shared");

                Previewer previewer = new Previewer(frozen, Truncation.meanLatent(frozen, null, root));
                long[] seeds = {3, 4};
                List<Images.Argb> atZero = previewer.render(blend.blend(frozen, trained, 0), seeds, 0.7);
                List<Images.Argb> atOne = previewer.render(blend.blend(frozen, trained, 1), seeds, 0.7);
                assertArrayEquals(previewer.render(frozen, seeds, 0.7).get(0).pixels(), atZero.get(0).pixels());
                assertPixelsClose(previewer.render(trained, seeds, 0.7).get(1), atOne.get(1));
                assertTrue(differing(atZero.get(0), atOne.get(0)) > 0, "the blend moves the image");
                assertEquals(2, atOne.size());
            }
        }
    }

    /** f + 1·(t − f) is t up to rounding: 8-bit levels may differ by one. */
    private static void assertPixelsClose(Images.Argb a, Images.Argb b) {
        for (int i = 0; i < a.pixels().length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                int d = Math.abs((a.pixels()[i] >> shift & 0xff) - (b.pixels()[i] >> shift & 0xff));
                assertTrue(d <= 1, "pixel " + i + " differs by " + d);
            }
        }
    }

    private static int differing(Images.Argb a, Images.Argb b) {
        int n = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            n += a.pixels()[i] != b.pixels()[i] ? 1 : 0;
        }
        return n;
    }
}
