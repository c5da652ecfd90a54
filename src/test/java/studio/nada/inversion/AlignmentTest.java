package studio.nada.inversion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FFHQ crop from eye and mouth points, worked out by hand; the centre crop; photos in. */
class AlignmentTest {
    private static final double EPS = 1e-9;

    @Test
    void levelEyesAndMouthGiveFfhqsSquare() {
        // eyes 20 px apart at y 50, mouth 20 px below: x = (40, 0), y = (0, 40), centre (50, 52)
        Alignment.Quad q = Alignment.face(new double[] {60, 50}, new double[] {40, 50}, new double[] {50, 70});
        assertArrayEquals(new double[] {10, 12}, q.topLeft(), EPS);
        assertArrayEquals(new double[] {10, 92}, q.bottomLeft(), EPS);
        assertArrayEquals(new double[] {90, 92}, q.bottomRight(), EPS);
        assertArrayEquals(new double[] {90, 12}, q.topRight(), EPS);
        assertEquals(80, q.side(), EPS);
        assertEquals(0, q.rotationDegrees(), EPS);
    }

    @Test
    void aTiltedFaceGivesATurnedCropOfTheSameSize() {
        // the same face turned 30 degrees about the eye midpoint (50, 50)
        double a = Math.toRadians(30);
        double[] l = rot(40, 50, a), r = rot(60, 50, a), m = rot(50, 70, a);
        Alignment.Quad q = Alignment.face(l, r, m);
        assertEquals(30, q.rotationDegrees(), 1e-6);
        assertEquals(80, q.side(), 1e-6);
        assertArrayEquals(rot(50, 52, a), q.centre(), 1e-6);
        // without a mouth, it is placed at the eye distance below the eyes: side = 2 x 20 again
        Alignment.Quad guessed = Alignment.face(l, r, null);
        assertEquals(80, guessed.side(), 1e-6);
        assertEquals(30, guessed.rotationDegrees(), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> Alignment.face(l, l, null), "one point twice");
    }

    @Test
    void otherModelsTakeTheLargestCentredSquareAndTheCropSamplesIt() {
        Alignment.Quad q = Alignment.center(300, 200);
        assertArrayEquals(new double[] {50, 0}, q.topLeft(), EPS);
        assertEquals(200, q.side(), EPS);
        BufferedImage photo = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 300, 200);
        g.setColor(Color.RED);
        g.fillRect(50, 0, 100, 100); // the top-left quarter of the centred square
        g.dispose();
        BufferedImage crop = Alignment.crop(photo, q, 64);
        assertEquals(64, crop.getWidth());
        assertEquals(0xff0000, crop.getRGB(10, 10) & 0xffffff, "the red quarter lands top left");
        assertEquals(0xffffff, crop.getRGB(50, 50) & 0xffffff);
    }

    @Test
    void photosAreReadDownscaledAndNonImagesRefused(@TempDir Path dir) throws IOException {
        BufferedImage big = new BufferedImage(5000, 3000, BufferedImage.TYPE_INT_RGB);
        Path png = dir.resolve("big.png");
        ImageIO.write(big, "png", png.toFile());
        BufferedImage loaded = Photos.load(png);
        assertEquals(Photos.MAX_SIDE, loaded.getWidth(), "huge photos are downscaled first");
        assertEquals(1229, loaded.getHeight());
        Path text = Files.writeString(dir.resolve("notes.png"), "not an image at all");
        IOException e = assertThrows(IOException.class, () -> Photos.load(text));
        assertTrue(e.getMessage().contains("notes.png") && e.getMessage().contains("not an image"), e.getMessage());
    }

    private static double[] rot(double x, double y, double a) {
        double dx = x - 50, dy = y - 50;
        return new double[] {50 + dx * Math.cos(a) - dy * Math.sin(a), 50 + dx * Math.sin(a) + dy * Math.cos(a)};
    }
}
