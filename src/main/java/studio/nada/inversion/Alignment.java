package studio.nada.inversion;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * What part of a photo is inverted. Face models: the FFHQ alignment (the crop of
 * ffhq-dataset's {@code recreate_aligned_images}) from the two eyes and the mouth — an oriented
 * square centred a little below the eyes, turned with the eye line, its side the larger of twice
 * the eye distance and 1.8 times the eye-to-mouth distance. Other models: the largest centred
 * square. The crop is resampled to the generator's size, shrunk by area averaging first when it is
 * much larger (as FFHQ's shrink step), so thin lines do not alias.
 */
public final class Alignment {
    /** Corners of the crop in photo pixels: top-left, bottom-left, bottom-right, top-right (FFHQ's quad order). */
    public record Quad(double[] topLeft, double[] bottomLeft, double[] bottomRight, double[] topRight) {
        /** Side length in photo pixels. */
        public double side() {
            return Math.hypot(topRight[0] - topLeft[0], topRight[1] - topLeft[1]);
        }

        /** Rotation of the crop's top edge, in degrees (clockwise on screen, as image y points down). */
        public double rotationDegrees() {
            return Math.toDegrees(Math.atan2(topRight[1] - topLeft[1], topRight[0] - topLeft[0]));
        }

        public double[] centre() {
            return new double[] {(topLeft[0] + bottomRight[0]) / 2, (topLeft[1] + bottomRight[1]) / 2};
        }
    }

    private Alignment() {}

    /**
     * The FFHQ crop from the eyes (either order) and the mouth; without a mouth, it is placed as
     * in an average FFHQ face: below the eye midpoint, perpendicular to the eye line, at the eye distance.
     */
    public static Quad face(double[] eye1, double[] eye2, double[] mouth) {
        double[] left = eye1[0] <= eye2[0] ? eye1 : eye2;
        double[] right = left == eye1 ? eye2 : eye1;
        double[] eyeAvg = {(left[0] + right[0]) / 2, (left[1] + right[1]) / 2};
        double[] eyeToEye = {right[0] - left[0], right[1] - left[1]};
        if (Math.hypot(eyeToEye[0], eyeToEye[1]) < 2) {
            throw new IllegalArgumentException("the two eye points are the same point: click each eye");
        }
        double[] m = mouth != null ? mouth : new double[] {eyeAvg[0] - eyeToEye[1], eyeAvg[1] + eyeToEye[0]};
        double[] eyeToMouth = {m[0] - eyeAvg[0], m[1] - eyeAvg[1]};
        // x = eye_to_eye - flipud(eye_to_mouth) * [-1, 1]: the eye line, corrected by the mouth's tilt
        double[] x = {eyeToEye[0] + eyeToMouth[1], eyeToEye[1] - eyeToMouth[0]};
        double len = Math.hypot(x[0], x[1]);
        double scale = Math.max(Math.hypot(eyeToEye[0], eyeToEye[1]) * 2.0, Math.hypot(eyeToMouth[0], eyeToMouth[1]) * 1.8);
        x = new double[] {x[0] / len * scale, x[1] / len * scale};
        double[] y = {-x[1], x[0]}; // flipud(x) * [-1, 1]
        double[] c = {eyeAvg[0] + eyeToMouth[0] * 0.1, eyeAvg[1] + eyeToMouth[1] * 0.1};
        return new Quad(new double[] {c[0] - x[0] - y[0], c[1] - x[1] - y[1]},
                new double[] {c[0] - x[0] + y[0], c[1] - x[1] + y[1]},
                new double[] {c[0] + x[0] + y[0], c[1] + x[1] + y[1]},
                new double[] {c[0] + x[0] - y[0], c[1] + x[1] - y[1]});
    }

    /** The largest centred square of a {@code width} × {@code height} photo. */
    public static Quad center(int width, int height) {
        double s = Math.min(width, height);
        double x0 = (width - s) / 2, y0 = (height - s) / 2;
        return new Quad(new double[] {x0, y0}, new double[] {x0, y0 + s}, new double[] {x0 + s, y0 + s},
                new double[] {x0 + s, y0});
    }

    /** The crop resampled to {@code size} × {@code size}; outside the photo, the photo's mean border colour. */
    public static BufferedImage crop(BufferedImage photo, Quad q, int size) {
        BufferedImage src = photo;
        double side = q.side();
        double factor = 1;
        while (side / factor / 2 >= size * 1.5 && Math.min(src.getWidth(), src.getHeight()) >= 4) {
            src = half(src); // shrink by area averaging until the crop is within 3x of the output
            factor *= 2;
        }
        double[] tl = {q.topLeft()[0] / factor, q.topLeft()[1] / factor};
        double[] tr = {q.topRight()[0] / factor, q.topRight()[1] / factor};
        double[] bl = {q.bottomLeft()[0] / factor, q.bottomLeft()[1] / factor};
        // the affine map taking the crop's corners to (0,0), (size,0), (0,size)
        AffineTransform toCrop = new AffineTransform((tr[0] - tl[0]) / size, (tr[1] - tl[1]) / size,
                (bl[0] - tl[0]) / size, (bl[1] - tl[1]) / size, tl[0], tl[1]);
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(borderMean(photo));
            g.fillRect(0, 0, size, size);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, toCrop.createInverse(), null);
        } catch (java.awt.geom.NoninvertibleTransformException e) {
            throw new IllegalArgumentException("the crop has no area", e);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Half size, each pixel the mean of a 2×2 block. */
    static BufferedImage half(BufferedImage src) {
        int w = src.getWidth() / 2, h = src.getHeight() / 2;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = 0, gr = 0, b = 0;
                for (int k = 0; k < 4; k++) {
                    int p = src.getRGB(2 * x + (k & 1), 2 * y + (k >> 1));
                    r += p >> 16 & 0xff;
                    gr += p >> 8 & 0xff;
                    b += p & 0xff;
                }
                out.setRGB(x, y, (r / 4) << 16 | (gr / 4) << 8 | b / 4);
            }
        }
        return out;
    }

    private static Color borderMean(BufferedImage im) {
        long r = 0, g = 0, b = 0, n = 0;
        int w = im.getWidth(), h = im.getHeight();
        for (int x = 0; x < w; x++) {
            for (int y : new int[] {0, h - 1}) {
                int p = im.getRGB(x, y);
                r += p >> 16 & 0xff;
                g += p >> 8 & 0xff;
                b += p & 0xff;
                n++;
            }
        }
        return new Color((int) (r / n), (int) (g / n), (int) (b / n));
    }
}
