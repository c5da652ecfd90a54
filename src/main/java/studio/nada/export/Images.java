package studio.nada.export;

import ai.djl.ndarray.NDArray;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import studio.nada.weights.AtomicFiles;

/**
 * Generator images as plain pixels: [-1,1] CHW floats to ARGB ints (as torchvision's
 * save_image with normalize over (-1, 1)), PNG files written atomically, and contact sheets.
 */
public final class Images {
    private Images() {}

    /** One ARGB image per batch entry of a [B,3,H,W] tensor in [-1,1]. */
    public static List<Argb> toArgb(NDArray images) {
        long[] s = images.getShape().getShape();
        int b = (int) s[0], h = (int) s[2], w = (int) s[3];
        float[] all = images.toFloatArray();
        List<Argb> out = new ArrayList<>();
        int plane = h * w;
        for (int n = 0; n < b; n++) {
            int base = n * 3 * plane;
            int[] px = new int[plane];
            for (int i = 0; i < plane; i++) {
                int r = level(all[base + i]);
                int g = level(all[base + plane + i]);
                int bl = level(all[base + 2 * plane + i]);
                px[i] = 0xff000000 | (r << 16) | (g << 8) | bl;
            }
            out.add(new Argb(w, h, px));
        }
        return out;
    }

    /** [-1,1] to 0..255, rounding half up and clamping, as torchvision's save_image. */
    static int level(float v) {
        double x = (v + 1.0) / 2.0 * 255.0 + 0.5;
        return (int) Math.max(0, Math.min(255, Math.floor(x)));
    }

    /**
     * Writes a PNG atomically (temp file in the same folder, then move). It is encoded in memory
     * first, so a failing disk is met by our own write, which names the file, never inside
     * ImageIO ("I/O error writing PNG file!" and its own stack traces).
     */
    public static void writePng(Path file, Argb image) throws IOException {
        BufferedImage bi = toBufferedImage(image);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try (ImageOutputStream encoded = new MemoryCacheImageOutputStream(png)) {
            if (!ImageIO.write(bi, "png", encoded)) {
                throw new IOException("no PNG writer available");
            }
        }
        AtomicFiles.write(file, png::writeTo);
    }

    /** A contact sheet: images in rows of {@code columns}, {@code pad} pixels of black between. */
    public static Argb grid(List<Argb> images, int columns, int pad) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images for a grid");
        }
        int w = images.get(0).width(), h = images.get(0).height();
        int cols = Math.max(1, Math.min(columns, images.size()));
        int rows = (images.size() + cols - 1) / cols;
        int gw = cols * w + (cols + 1) * pad, gh = rows * h + (rows + 1) * pad;
        int[] px = new int[gw * gh];
        java.util.Arrays.fill(px, 0xff000000);
        for (int i = 0; i < images.size(); i++) {
            Argb im = images.get(i);
            int x0 = pad + (i % cols) * (w + pad), y0 = pad + (i / cols) * (h + pad);
            for (int y = 0; y < Math.min(h, im.height()); y++) {
                System.arraycopy(im.pixels(), y * im.width(), px, (y0 + y) * gw + x0, Math.min(w, im.width()));
            }
        }
        return new Argb(gw, gh, px);
    }

    /** The image as an RGB BufferedImage (for Java2D and ImageIO). */
    public static BufferedImage toBufferedImage(Argb image) {
        BufferedImage bi = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        bi.setRGB(0, 0, image.width(), image.height(), image.pixels(), 0, image.width());
        return bi;
    }

    /** The pixels of a BufferedImage of any type, as ARGB. */
    public static Argb fromBufferedImage(BufferedImage image) {
        return new Argb(image.getWidth(), image.getHeight(),
                image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth()));
    }

    /** Pixels of one image, row-major ARGB. */
    public record Argb(int width, int height, int[] pixels) {}
}
