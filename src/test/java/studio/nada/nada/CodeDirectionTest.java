package studio.nada.nada;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.engine.GradMode;
import studio.nada.engine.RandomSource;
import studio.nada.engine.TensorEngine;
import studio.nada.stylegan.Generator;
import studio.nada.toyworld.ShapesWorld;

/**
 * The direction phase moves every code along δ as far as the gate reads it as the source, and
 * that move lives in the style affines: the trained generator's styles at w are the frozen
 * generator's at w + α·g(w)·δ.
 */
class CodeDirectionTest {
    private static NDManager root;
    private static Generator frozen;
    private static int d;

    @BeforeAll
    static void load() throws Exception {
        root = TensorEngine.newManager(Device.cpu());
        frozen = ShapesWorld.generatorCheckpoint().build(root);
        d = frozen.config().styleDim();
    }

    @AfterAll
    static void close() {
        root.close();
    }

    /** A bank of 256 codes scored by how little they show of W coordinate 0 (the circles' one-hot). */
    private static SourceFilter.Codes codes(NDManager m) {
        Random r = new Random(3);
        float[] z = new float[256 * d];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) r.nextGaussian();
        }
        float[] w = frozen.style(m.create(z, new Shape(256, d))).toFloatArray();
        float[] scores = new float[256];
        for (int i = 0; i < 256; i++) {
            scores[i] = -w[i * d];
        }
        int[] low = SourceFilter.lowest(scores, 16);
        float[] negated = scores.clone();
        for (int i = 0; i < negated.length; i++) {
            negated[i] = -negated[i];
        }
        int[] high = SourceFilter.lowest(negated, 16);
        return new SourceFilter.Codes(rows(m, z, low), rows(m, z, high), null, z, scores);
    }

    private static NDArray rows(NDManager m, float[] z, int[] rows) {
        float[] out = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(z, rows[i] * d, out, i * d, d);
        }
        return m.create(out, new Shape(rows.length, d));
    }

    private static Map<String, NDArray> affines(Generator g) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (String n : g.params().parameterNames()) {
            if (n.contains(".modulation.")) {
                out.put(n, g.params().get(n));
            }
        }
        return out;
    }

    /** The style one affine gives code w: w·(W·scale)ᵀ + b. */
    private static float[] style(Map<String, NDArray> p, String weight, NDArray w) {
        NDArray wt = p.get(weight);
        NDArray b = p.get(weight.replace(".weight", ".bias"));
        return w.matMul(wt.mul(1 / Math.sqrt(wt.getShape().get(1))).transpose()).add(b).toFloatArray();
    }

    @Test
    void theMoveAlongTheCodesFoldsIntoTheAffines() {
        try (NDManager m = root.newSubManager(); GradMode off = GradMode.disabled()) {
            SourceFilter.Codes codes = codes(m);
            Generator trained = new Generator(frozen.config(), frozen.params().copy(m));
            Map<String, NDArray> params = affines(trained);
            CodeDirection move = new CodeDirection(frozen, params.keySet(), codes, m);
            move.alpha().set(new float[] {1.5f});
            move.apply(params);

            float[] bankW = frozen.style(m.create(codes.bankZ(), new Shape(256, d))).toFloatArray();
            SourceGate gate = SourceGate.fit(bankW, d, codes.bankScores());
            NDArray delta = frozen.style(codes.held()).mean(new int[] {0}).sub(frozen.style(codes.source()).mean(new int[] {0}));
            delta = delta.div(delta.norm());
            Map<String, NDArray> before = affines(frozen);
            for (int row : new int[] {0, 5, 17, 200}) {
                NDArray w = m.create(java.util.Arrays.copyOfRange(bankW, row * d, (row + 1) * d), new Shape(1, d));
                NDArray moved = w.add(delta.mul(1.5 * gate.at(bankW, row)).reshape(1, d));
                for (String name : new String[] {"conv1.conv.modulation.weight", "convs.6.conv.modulation.weight",
                        "to_rgbs.2.conv.modulation.weight"}) {
                    float[] want = style(before, name, moved);
                    float[] got = style(params, name, w);
                    for (int i = 0; i < want.length; i++) {
                        assertEquals(want[i], got[i], 2e-4, name + " channel " + i + " of code " + row);
                    }
                }
            }
            CodeDirection again = new CodeDirection(frozen, params.keySet(), codes, m);
            again.recover(params);
            assertEquals(1.5, again.alpha().getFloat(0), 1e-4, "alpha read back from the weights");
        }
    }

    /** The loss is linear in α here, so a central difference is exact up to rounding. */
    @Test
    void theGradientIsTheLossDerivativeAlongAlpha() {
        try (NDManager m = root.newSubManager()) {
            SourceFilter.Codes codes = codes(m);
            Generator trained = new Generator(frozen.config(), frozen.params().copy(m));
            Map<String, NDArray> params = affines(trained);
            CodeDirection move = new CodeDirection(frozen, params.keySet(), codes, m);
            NDArray w = frozen.style(codes.source().get("0:4"));
            Map<String, NDArray> weights = new LinkedHashMap<>();
            params.forEach((k, v) -> weights.put(k, v));
            List<NDArray> probes = new ArrayList<>();
            Random r = new Random(5);
            for (String n : weights.keySet()) {
                if (n.endsWith(".weight")) {
                    long in = weights.get(n).getShape().get(0);
                    float[] p = new float[(int) (4 * in)];
                    for (int i = 0; i < p.length; i++) {
                        p[i] = (float) r.nextGaussian();
                    }
                    probes.add(m.create(p, new Shape(4, in)));
                }
            }
            move.alpha().set(new float[] {0.7f});
            move.apply(params);
            params.values().forEach(p -> p.setRequiresGradient(true));
            float analytic;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = loss(params, w, probes);
                gc.backward(loss);
            }
            Map<String, NDArray> grads = new LinkedHashMap<>();
            params.forEach((k, v) -> grads.put(k, v.getGradient()));
            analytic = move.gradient(grads).getFloat(0);
            params.values().forEach(p -> p.setRequiresGradient(false));
            float h = 0.05f;
            float[] at = new float[2];
            for (int s = 0; s < 2; s++) {
                move.alpha().set(new float[] {0.7f + (s == 0 ? h : -h)});
                move.apply(params);
                try (GradMode off = GradMode.disabled()) {
                    at[s] = loss(params, w, probes).getFloat();
                }
            }
            float numeric = (at[0] - at[1]) / (2 * h);
            assertEquals(numeric, analytic, 1e-3 * Math.max(1, Math.abs(numeric)), "dL/dalpha");
            assertTrue(Math.abs(numeric) > 1e-2, "the probe loss depends on alpha: " + numeric);
        }
    }

    private static NDArray loss(Map<String, NDArray> params, NDArray w, List<NDArray> probes) {
        NDArray total = null;
        int i = 0;
        for (String n : params.keySet()) {
            if (n.endsWith(".weight")) {
                NDArray wt = params.get(n);
                NDArray s = w.matMul(wt.mul(1 / Math.sqrt(wt.getShape().get(1))).transpose())
                        .add(params.get(n.replace(".weight", ".bias")));
                NDArray term = s.mul(probes.get(i++)).sum();
                total = total == null ? term : total.add(term);
            }
        }
        return total;
    }

    @Test
    void theDirectionPhaseNeedsASourcePool() throws Exception {
        List<ClipGuide> guides = List.of(new ClipGuide("a", ShapesWorld.clip(root), ShapesWorld.tokenizer(), 1.0, root));
        NadaConfig config = ShapesWorld.recommended().config("circle", "square", 0).withSourcePool(0)
                .withLayerSelection(0, 0, LayerMapping.CONSUMER, PhasePreset.DIRECTION);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NadaAdapter(frozen, guides, config, RandomSource.engine(), root).close());
        assertTrue(e.getMessage().contains("source pool"), e.getMessage());
    }

    /** A checkpoint keeps α's optimizer state, and α comes back from the weights: two + two steps are four. */
    @Test
    void aResumedDirectionRunContinuesWhereItStopped(@TempDir Path dir) throws Exception {
        List<ClipGuide> guides = List.of(new ClipGuide("a", ShapesWorld.clip(root), ShapesWorld.tokenizer(), 1.0, root));
        NadaConfig config = ShapesWorld.recommended().forPrompt("circle", "square").config("circle", "square", 0);
        assertEquals(PhasePreset.DIRECTION, config.phase(), "the Shapes world's circle → square suggestion");
        Map<String, float[]> straight = new LinkedHashMap<>();
        try (NadaAdapter run = new NadaAdapter(frozen, guides, config, RandomSource.engine(), root)) {
            for (int i = 0; i < 4; i++) {
                run.step();
            }
            affines(run.trainable()).forEach((k, v) -> straight.put(k, v.toFloatArray()));
        }
        Path file = dir.resolve("checkpoint.pt");
        try (NadaAdapter run = new NadaAdapter(frozen, guides, config, RandomSource.engine(), root)) {
            run.step();
            run.step();
            AdaptationCheckpoint.write(file, run, "{}");
        }
        try (NadaAdapter run = new NadaAdapter(frozen, guides, config, RandomSource.engine(), root)) {
            AdaptationCheckpoint.Contents c = AdaptationCheckpoint.read(file, run.trainable().params().parameterNames());
            assertTrue(c.adam().containsKey(CodeDirection.PARAMETER + ".exp_avg_sq"), "alpha's state is in the checkpoint");
            run.restore(c);
            run.step();
            run.step();
            Map<String, NDArray> resumed = affines(run.trainable());
            double moved = 0;
            for (Map.Entry<String, float[]> e : straight.entrySet()) {
                float[] got = resumed.get(e.getKey()).toFloatArray();
                float[] base = frozen.params().get(e.getKey()).toFloatArray();
                for (int i = 0; i < got.length; i++) {
                    assertEquals(e.getValue()[i], got[i], 1e-4, e.getKey() + "[" + i + "]");
                    moved = Math.max(moved, Math.abs(got[i] - base[i]));
                }
            }
            assertTrue(moved > 1e-3, "four steps moved the affines: " + moved);
        }
    }
}
