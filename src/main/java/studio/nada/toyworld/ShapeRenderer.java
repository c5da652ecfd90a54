package studio.nada.toyworld;

import studio.nada.nn.Ops;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import studio.nada.export.Images;

/**
 * Draws scenes (filled shapes or outlines) as 64×64 RGB on the plain background, antialiased by 4×4 supersampling (the
 * coverage of each pixel blends shape and background), deterministic: no randomness inside.
 */
public final class ShapeRenderer {
    public static final int SIZE = 64;
    private static final int SUB = 4;

    private ShapeRenderer() {}

    /** A drawn scene: CHW floats in [0, 1] and the shape's coverage per pixel in [0, 1]. */
    public record Render(float[] chw, float[] coverage) {}

    public static Render render(Scene scene) {
        int plane = SIZE * SIZE;
        float[] chw = new float[3 * plane];
        float[] coverage = new float[plane];
        double r = scene.radius() * SIZE;
        double cx = scene.cx() * SIZE;
        double cy = scene.cy() * SIZE;
        // an outline is the shape less the same shape shrunk so that its edges move in by the line width
        boolean hollow = scene.style() == ShapeStyle.OUTLINE;
        double inner = r * (1 - ShapeStyle.LINE_WIDTH / (r * scene.kind().inradius()));
        int[] fg = scene.color().rgb();
        int[] bg = ShapeColor.BACKGROUND;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int inside = 0;
                for (int sy = 0; sy < SUB; sy++) {
                    for (int sx = 0; sx < SUB; sx++) {
                        double px = x + (sx + 0.5) / SUB;
                        double py = y + (sy + 0.5) / SUB;
                        if (scene.kind().contains((px - cx) / r, (py - cy) / r)
                                && !(hollow && scene.kind().contains((px - cx) / inner, (py - cy) / inner))) {
                            inside++;
                        }
                    }
                }
                float a = inside / (float) (SUB * SUB);
                int i = y * SIZE + x;
                coverage[i] = a;
                for (int c = 0; c < 3; c++) {
                    chw[c * plane + i] = (a * fg[c] + (1 - a) * bg[c]) / 255f;
                }
            }
        }
        return new Render(chw, coverage);
    }

    /** Scenes as a batch [B, 3, 64, 64] in [-1, 1], the generator's range. */
    public static NDArray toTensor(List<Scene> scenes, NDManager manager) {
        int n = 3 * SIZE * SIZE;
        float[] all = new float[scenes.size() * n];
        for (int b = 0; b < scenes.size(); b++) {
            float[] chw = render(scenes.get(b)).chw();
            for (int i = 0; i < n; i++) {
                all[b * n + i] = chw[i] * 2 - 1;
            }
        }
        return Ops.constant(manager, all, new Shape(scenes.size(), 3, SIZE, SIZE));
    }

    /** ARGB pixels of a scene (grids, PNGs). */
    public static Images.Argb argb(Scene scene) {
        float[] chw = render(scene).chw();
        int plane = SIZE * SIZE;
        int[] px = new int[plane];
        for (int i = 0; i < plane; i++) {
            int r = Math.round(chw[i] * 255);
            int g = Math.round(chw[plane + i] * 255);
            int b = Math.round(chw[2 * plane + i] * 255);
            px[i] = 0xff000000 | (r << 16) | (g << 8) | b;
        }
        return new Images.Argb(SIZE, SIZE, px);
    }
}
