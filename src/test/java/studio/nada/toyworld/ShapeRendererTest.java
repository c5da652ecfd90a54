package studio.nada.toyworld;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The renderer draws what a scene says, deterministically, and ShapeStats reads it back. */
class ShapeRendererTest {
    @Test
    void sameSceneSamePixels() {
        List<Scene> a = new SceneSampler(3).next(8);
        List<Scene> b = new SceneSampler(3).next(8);
        assertEquals(a, b);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(ShapeRenderer.render(a.get(i)).chw(), ShapeRenderer.render(b.get(i)).chw());
        }
    }

    @Test
    void everyShapeInEveryColorReadsBackAsThatColor() {
        for (ShapeKind k : ShapeKind.values()) {
            for (ShapeColor c : ShapeColor.values()) {
                ShapeStats s = new ShapeStats(ShapeRenderer.argb(Scene.of(k, c, ShapeSize.MEDIUM, 1, 1)));
                assertEquals(c, s.dominantColor(), k + " " + c);
                assertTrue(s.worldLike(), k + " " + c + ": " + s);
                // rim pixels blend with the background and may read as another color
                assertTrue(s.colorPurity() > 0.9, k + " " + c + " purity " + s.colorPurity());
            }
        }
    }

    /** Area within 8% of the shape's analytic area (the mask cuts antialiased edges at about half coverage). */
    @Test
    void maskAreaFollowsSize() {
        double[] unitArea = {Math.PI, 4 * 0.886 * 0.886, 3 * Math.sqrt(3) / 4 * 1.3 * 1.3};
        for (ShapeKind k : ShapeKind.values()) {
            int previous = 0;
            for (ShapeSize z : ShapeSize.values()) {
                ShapeStats s = new ShapeStats(ShapeRenderer.argb(Scene.of(k, ShapeColor.RED, z, 1, 1)));
                double r = z.radius() * ShapeRenderer.SIZE;
                double expected = unitArea[k.ordinal()] * r * r;
                assertEquals(expected, s.area(), 0.08 * expected, k + " " + z);
                assertTrue(s.area() > previous * 1.5, k + " " + z + " grows");
                previous = s.area();
            }
        }
    }

    /** Circles and squares are centered on the scene's center; a triangle on its centroid. */
    @Test
    void centroidIsWhereTheSceneSays() {
        for (int col = 0; col < 3; col++) {
            for (int row = 0; row < 3; row++) {
                for (ShapeKind k : ShapeKind.values()) {
                    Scene scene = Scene.of(k, ShapeColor.BLUE, ShapeSize.SMALL, col, row);
                    ShapeStats s = new ShapeStats(ShapeRenderer.argb(scene));
                    assertEquals(scene.cx(), s.centroidX(), 1.0 / 64, k + " x");
                    assertEquals(scene.cy(), s.centroidY(), 1.5 / 64, k + " y");
                    assertEquals(col, scene.column());
                    assertEquals(row, scene.row());
                }
            }
        }
    }

    @Test
    void antialiasedEdgesAndPlainBackground() {
        float[] cov = ShapeRenderer.render(Scene.of(ShapeKind.CIRCLE, ShapeColor.RED, ShapeSize.LARGE, 1, 1)).coverage();
        long partial = 0;
        for (float a : cov) {
            partial += a > 0 && a < 1 ? 1 : 0;
        }
        assertTrue(partial > 50, "a circle's rim is blended, " + partial + " partial pixels");
        ShapeStats s = new ShapeStats(ShapeRenderer.argb(Scene.of(ShapeKind.CIRCLE, ShapeColor.RED, ShapeSize.LARGE, 1, 1)));
        // only rim pixels below the mask threshold differ from the background
        assertTrue(s.backgroundPurity() > 0.98, "background purity " + s.backgroundPurity());
    }

    @Test
    void recoloringKeepsTheMask() {
        Scene red = Scene.of(ShapeKind.TRIANGLE, ShapeColor.RED, ShapeSize.LARGE, 0, 2);
        boolean[] a = new ShapeStats(ShapeRenderer.argb(red)).mask();
        boolean[] b = new ShapeStats(ShapeRenderer.argb(red.withColor(ShapeColor.BLUE))).mask();
        assertTrue(ShapeStats.iou(a, b) > 0.95);
        boolean[] moved = new ShapeStats(ShapeRenderer.argb(Scene.of(ShapeKind.TRIANGLE, ShapeColor.RED,
                ShapeSize.LARGE, 2, 2))).mask();
        assertTrue(ShapeStats.iou(a, moved) < 0.05, "large triangles in opposite columns barely touch");
    }

    @Test
    void latentScenesAreAFixedFunctionOfZCoveringTheWorld() {
        java.util.Random r = new java.util.Random(5);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 2000; i++) {
            float[] z = new float[64];
            for (int j = 0; j < z.length; j++) {
                z[j] = (float) r.nextGaussian();
            }
            Scene s = LatentScenes.fromZ(z);
            assertEquals(s, LatentScenes.fromZ(z.clone()));
            seen.add(s.kind() + " " + s.color() + " " + s.size() + " " + s.column() + s.row());
        }
        assertEquals(3 * 4 * 3 * 9, seen.size(), "every kind, color, size and cell occurs");
    }
}
