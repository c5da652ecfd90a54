package studio.nada.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Style images and photos for CLIP, as openai/CLIP's {@code preprocess} treats a PIL image:
 * RGB, resize of the shorter side with PIL's antialiased BICUBIC (a = -0.5, support widened by the
 * downscale factor, rounded to 8 bits after each pass), center crop, /255, normalize. Not
 * differentiable; generator output goes through {@link ClipPreprocess} instead.
 */
public final class ClipImageFiles {
    private ClipImageFiles() {}

    /** A PNG/JPEG file as a normalized model input [1, 3, n, n] on {@code manager}. */
    public static NDArray load(Path file, int resolution, NDManager manager) throws IOException {
        BufferedImage image = BoundedImages.read(file);
        return toModelInput(rgb(image), image.getHeight(), image.getWidth(), resolution, manager);
    }

    /** Planes [3][h*w] of 0..255 values -> normalized [1, 3, n, n]. */
    static NDArray toModelInput(float[][] rgb, int h, int w, int resolution, NDManager manager) {
        int shortSide = Math.min(h, w);
        int newLong = (int) ((long) resolution * Math.max(h, w) / shortSide);
        int outH = h <= w ? resolution : newLong;
        int outW = h <= w ? newLong : resolution;
        int top = (int) Math.rint((outH - resolution) / 2.0);
        int left = (int) Math.rint((outW - resolution) / 2.0);
        float[] out = new float[3 * resolution * resolution];
        for (int c = 0; c < 3; c++) {
            float[] resized = PilResize.resize(rgb[c], h, w, outH, outW);
            for (int y = 0; y < resolution; y++) {
                for (int x = 0; x < resolution; x++) {
                    float v = resized[(top + y) * outW + left + x] / 255f;
                    out[(c * resolution + y) * resolution + x] = (v - ClipPreprocess.MEAN[c]) / ClipPreprocess.STD[c];
                }
            }
        }
        return studio.nada.nn.Ops.constant(manager, out, new Shape(1, 3, resolution, resolution));
    }

    /** RGB planes; gray images are read from the raster, since getRGB would gamma-convert them. */
    static float[][] rgb(BufferedImage image) {
        int h = image.getHeight();
        int w = image.getWidth();
        float[][] planes = new float[3][h * w];
        Raster raster = image.getRaster();
        boolean gray = raster.getNumBands() <= 2 && image.getColorModel().getColorSpace().getNumComponents() == 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (gray) {
                    int bits = image.getColorModel().getComponentSize(0);
                    float v = bits == 8 ? raster.getSample(x, y, 0) : Math.round(raster.getSample(x, y, 0) * 255f / ((1 << bits) - 1));
                    planes[0][i] = planes[1][i] = planes[2][i] = v;
                } else {
                    int argb = image.getRGB(x, y); // alpha dropped, as PIL's convert("RGB")
                    planes[0][i] = (argb >> 16) & 0xff;
                    planes[1][i] = (argb >> 8) & 0xff;
                    planes[2][i] = argb & 0xff;
                }
            }
        }
        return planes;
    }
}
