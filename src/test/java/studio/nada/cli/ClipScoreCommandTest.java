package studio.nada.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.testing.Cli;
import studio.nada.testing.Fixtures;
import studio.nada.weights.Safetensors;
import studio.nada.weights.TensorData;

/** clip-score end to end on the tiny CLIP: a matrix of the right size, embeddings written. */
class ClipScoreCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsMatrixAndWritesEmbeddings() throws Exception {
        Path a = image("a.png", 0xff0000);
        Path b = image("b.png", 0x2040ff);
        Path raw = dir.resolve("raw.safetensors");
        Cli.Run r = Cli.run("clip-score", "--clip", Fixtures.golden("clip_tiny_jit.pt").toString(),
                "--vision-heads", "1", "--text-heads", "2", "--device", "cpu",
                "--image", a.toString(), "--image", b.toString(),
                "--text", "a red square", "--text", "a blue square", "--text", "a sketch",
                "--raw-out", raw.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        String[] lines = r.out().split("\\R");
        assertTrue(lines[1].startsWith("a.png") && lines[2].startsWith("b.png"), r.out());
        assertEquals(4, lines[1].trim().split("\\s+").length, "a name and three scores: " + lines[1]);
        Map<String, TensorData> out = Safetensors.read(raw).tensors();
        assertArrayEquals(new long[] {2, 32}, out.get("image_embeds").shape());
        assertArrayEquals(new long[] {3, 32}, out.get("text_embeds").shape());
    }

    private Path image(String name, int rgb) throws Exception {
        BufferedImage img = new BufferedImage(48, 40, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 48; x++) {
                img.setRGB(x, y, (x + y) % 7 == 0 ? 0xffffff : rgb);
            }
        }
        Path p = dir.resolve(name);
        ImageIO.write(img, "png", p.toFile());
        return p;
    }
}
