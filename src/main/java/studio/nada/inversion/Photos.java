package studio.nada.inversion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import studio.nada.clip.BoundedImages;
import studio.nada.nn.Ops;

/**
 * Photos in: read within the image budget (PNG, JPEG in RGB, grayscale or CMYK, WebP, …; a
 * non-image or a decompression bomb is refused with the file's name), turned to plain RGB and
 * downscaled to at most {@link #MAX_SIDE} px on the long side before anything else, and, once
 * aligned, made a [1,3,S,S] tensor in [-1, 1].
 */
public final class Photos {
    /** Enough for a 1024 px crop of a face that fills half the photo. */
    public static final int MAX_SIDE = 2048;

    private Photos() {}

    public static BufferedImage load(Path file) throws IOException {
        BufferedImage raw;
        try {
            raw = BoundedImages.read(file);
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IOException(why.contains(file.toString()) ? why : file + ": " + why, e);
        }
        if (raw == null) {
            throw new IOException(file + ": the image could not be decoded");
        }
        while (Math.max(raw.getWidth(), raw.getHeight()) > 2 * MAX_SIDE) {
            raw = Alignment.half(raw);
        }
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(raw.getWidth(), raw.getHeight()));
        int w = Math.max(1, (int) Math.round(raw.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(raw.getHeight() * scale));
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(raw, 0, 0, w, h, java.awt.Color.WHITE, null); // transparency over white
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /** [1, 3, H, W] in [-1, 1] (torchvision's ToTensor then Normalize(0.5, 0.5)). */
    public static NDArray toTensor(BufferedImage im, NDManager m) {
        int w = im.getWidth(), h = im.getHeight();
        int[] px = im.getRGB(0, 0, w, h, null, 0, w);
        float[] chw = new float[3 * w * h];
        for (int i = 0; i < px.length; i++) {
            chw[i] = (px[i] >> 16 & 0xff) / 127.5f - 1;
            chw[w * h + i] = (px[i] >> 8 & 0xff) / 127.5f - 1;
            chw[2 * w * h + i] = (px[i] & 0xff) / 127.5f - 1;
        }
        return Ops.constant(m, chw, new Shape(1, 3, h, w));
    }
}
