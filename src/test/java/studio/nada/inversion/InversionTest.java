package studio.nada.inversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.nada.engine.TensorEngine;
import studio.nada.export.Images;
import studio.nada.nada.ClipGuide;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.GeneratorCheckpoint;
import studio.nada.toyworld.Scene;
import studio.nada.toyworld.ShapeColor;
import studio.nada.toyworld.ShapeKind;
import studio.nada.toyworld.ShapeLook;
import studio.nada.toyworld.ShapeRenderer;
import studio.nada.toyworld.ShapeStats;
import studio.nada.toyworld.ShapesWorld;
import studio.nada.weights.TensorData;

/**
 * Projection on the Shapes world: renders the generator never drew (sizes and places between its
 * training scenes) and an orange shape (a colour the world lacks) invert, at the default steps, to
 * a PSNR of at least 28 dB; the inverted red square, rendered by a generator that draws red as
 * blue, is blue in the same place.
 */
class InversionTest {
    private static NDManager root;
    private static Generator g;
    private static ClipGuide clip;

    @BeforeAll
    static void load() throws Exception {
        root = TensorEngine.newManager(TensorEngine.device(null));
        g = ShapesWorld.generatorCheckpoint().build(root);
        clip = new ClipGuide("shapes", ShapesWorld.clip(root), ShapesWorld.tokenizer(), 1.0, root);
    }

    @AfterAll
    static void close() {
        root.close();
    }

    @Test
    void freshRendersAndAnUnseenColourInvertAbove28Db() throws Exception {
        Scene redSquare = new Scene(ShapeKind.SQUARE, ShapeColor.RED, 0.163, 0.362, 0.641);
        Scene greenCircle = new Scene(ShapeKind.CIRCLE, ShapeColor.GREEN, 0.207, 0.618, 0.333);
        List<Images.Argb> targets = List.of(ShapeRenderer.argb(redSquare), ShapeRenderer.argb(greenCircle), orangeCircle());
        List<Double> psnr = new ArrayList<>();
        List<InversionResult> results = new ArrayList<>();
        for (Images.Argb t : targets) {
            InversionResult r = invert(t);
            psnr.add(r.psnr());
            results.add(r);
        }
        assertTrue(psnr.stream().allMatch(p -> p >= 28), "PSNR of each inversion: " + psnr);
        ShapeLook orange = ShapeLook.of(results.get(2).reconstruction());
        ShapeLook orangeTarget = ShapeLook.of(targets.get(2));
        assertEquals(ShapeKind.CIRCLE, orange.kind(), "the orange circle is still a circle");
        assertTrue(ShapeStats.iou(orange.silhouette(), orangeTarget.silhouette()) > 0.85);

        // translation: the red square's latent and noise through a generator that draws red as blue
        Generator redToBlue = swappedRedBlue();
        Images.Argb translated = Translation.render(redToBlue, results.get(0).latent());
        ShapeLook before = ShapeLook.of(results.get(0).reconstruction());
        ShapeLook after = ShapeLook.of(translated);
        assertEquals(ShapeColor.RED, before.color());
        assertEquals(ShapeColor.BLUE, after.color(), "the translated square is blue");
        assertTrue(ShapeStats.iou(before.silhouette(), after.silhouette()) > 0.9, "in the same place and shape");
    }

    @Test
    void anEncodersGuessIsWhereTheProjectionStarts() {
        NDArray t = Photos.toTensor(Images.toBufferedImage(ShapeRenderer.argb(new Scene(ShapeKind.CIRCLE, ShapeColor.BLUE, 0.2, 0.5, 0.5))),
                root);
        Projector p = new Projector(g, null, InversionOptions.defaults().withSteps(30).withPerceptualWeight(0));
        // a good guess: the W+ a 200-step projection found; 30 steps from it beat 30 steps from the mean
        float[] guess = new Projector(g, null, InversionOptions.defaults().withSteps(200).withPerceptualWeight(0))
                .project(t, null, x -> {}, () -> false).wPlus();
        Encoder perfect = aligned -> guess;
        InversionResult fromMean = p.project(t, null, x -> {}, () -> false);
        InversionResult fromGuess;
        try (Projector.Session s = perfect.start(p, t)) {
            while (!s.done()) {
                s.step();
            }
            fromGuess = s.result();
        }
        assertTrue(fromGuess.psnr() > fromMean.psnr(), "from the guess " + fromGuess.psnr() + " dB, from the mean "
                + fromMean.psnr() + " dB");
    }

    private static InversionResult invert(Images.Argb target) {
        NDArray t = Photos.toTensor(Images.toBufferedImage(target), root);
        return new Projector(g, clip::imageFeatures, InversionOptions.defaults()).project(t, null, p -> {}, () -> false);
    }

    /** An orange circle drawn with Java2D on the world's background: the renderer has no orange. */
    private static Images.Argb orangeCircle() {
        BufferedImage im = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = im.createGraphics();
        gr.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        gr.setColor(new Color(ShapeRenderer.argb(new Scene(ShapeKind.CIRCLE, ShapeColor.RED, 0.1, 0.1, 0.1))
                .pixels()[64 * 63 + 63]));
        gr.fillRect(0, 0, 64, 64);
        gr.setColor(new Color(240, 138, 28));
        gr.fillOval(16, 24, 26, 26);
        gr.dispose();
        return Images.fromBufferedImage(im);
    }

    /** The Shapes generator with the red and blue outputs of every ToRGB swapped: red is drawn blue. */
    private static Generator swappedRedBlue() throws Exception {
        GeneratorCheckpoint c = ShapesWorld.generatorCheckpoint();
        Map<String, TensorData> sd = new LinkedHashMap<>(c.stateDict());
        for (String k : List.copyOf(sd.keySet())) {
            if (k.matches("to_rgb(1|s\\.\\d+)\\.(bias|conv\\.weight)")) {
                TensorData t = sd.get(k);
                float[] v = t.toFloatArray();
                long[] s = t.shape(); // bias [1, 3, 1, 1], weight [1, 3, in, 1, 1]: RGB on axis 1
                int per = v.length / 3;
                float[] w = v.clone();
                System.arraycopy(v, 0, w, 2 * per, per);
                System.arraycopy(v, 2 * per, w, 0, per);
                sd.put(k, TensorData.ofFloats(s, w));
            }
        }
        return new GeneratorCheckpoint(c.source(), sd, c.latentAvg()).build(root);
    }
}
