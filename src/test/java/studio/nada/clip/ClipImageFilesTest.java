package studio.nada.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PIL-like path for style images: invariants rather than PIL's bytes (no PIL here). */
class ClipImageFilesTest {
    @TempDir
    Path dir;

    @Test
    void constantImageStaysConstant() throws IOException {
        BufferedImage img = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        fill(img, (x, y) -> 0x406080);
        try (NDManager m = Golden.cpuManager()) {
            NDArray t = ClipImageFiles.load(save(img, "c.png"), 224, m);
            assertArrayEquals(new long[] {1, 3, 224, 224}, t.getShape().getShape());
            float[] v = t.toFloatArray();
            int[] rgb = {0x40, 0x60, 0x80};
            for (int c = 0; c < 3; c++) {
                float expected = (rgb[c] / 255f - ClipPreprocess.MEAN[c]) / ClipPreprocess.STD[c];
                for (int i = 0; i < 224 * 224; i++) {
                    assertEquals(expected, v[c * 224 * 224 + i], 1e-6f);
                }
            }
        }
    }

    /** A 4x downscale of a linear ramp stays linear inside (the cubic reproduces lines) and monotonic. */
    @Test
    void downscaledRampStaysLinear() {
        int w = 256;
        float[] plane = new float[8 * w];
        for (int i = 0; i < plane.length; i++) {
            plane[i] = i % w;
        }
        float[] out = PilResize.resize(plane, 8, w, 2, 64);
        for (int x = 0; x < 64; x++) {
            if (x > 0) {
                assertTrue(out[x] >= out[x - 1], "monotonic at " + x);
            }
            if (x >= 2 && x < 62) {
                // output pixel x covers input [4x, 4x + 4): its centre is 4x + 1.5
                assertEquals(4 * x + 1.5f, out[x], 0.51f, "at " + x);
            }
        }
        assertEquals(out[10], out[64 + 10], 0f, "rows of a horizontal ramp agree");
    }

    @Test
    void portraitIsCroppedAtTheCentre() throws IOException {
        BufferedImage img = new BufferedImage(64, 128, BufferedImage.TYPE_INT_RGB);
        // white band in the middle half, black above and below
        fill(img, (x, y) -> y >= 32 && y < 96 ? 0xffffff : 0);
        try (NDManager m = Golden.cpuManager()) {
            NDArray t = ClipImageFiles.load(save(img, "p.png"), 32, m);
            float white = (1f - ClipPreprocess.MEAN[0]) / ClipPreprocess.STD[0];
            // 64x128 -> 32x64, crop rows 16..48: exactly the white band
            assertEquals(white, t.get("0, 0, 3, 5").getFloat(), 1e-5f);
            assertEquals(white, t.get("0, 0, 28, 20").getFloat(), 1e-5f);
        }
    }

    @Test
    void grayImagesKeepTheirLevels() throws IOException {
        BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSamples(0, 0, 40, 40, 0, filled(40 * 40, 100));
        try (NDManager m = Golden.cpuManager()) {
            NDArray t = ClipImageFiles.load(save(img, "g.png"), 32, m);
            for (int c = 0; c < 3; c++) {
                float expected = (100 / 255f - ClipPreprocess.MEAN[c]) / ClipPreprocess.STD[c];
                assertEquals(expected, t.get("0, {}, 7, 7", c).getFloat(), 1e-5f);
            }
        }
    }

    private interface Pixels {
        int rgb(int x, int y);
    }

    private static void fill(BufferedImage img, Pixels p) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, p.rgb(x, y));
            }
        }
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private Path save(BufferedImage img, String name) throws IOException {
        Path p = dir.resolve(name);
        ImageIO.write(img, "png", p.toFile());
        return p;
    }
}
