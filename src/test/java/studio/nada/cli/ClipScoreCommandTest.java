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
import studio.nada.toyworld.ShapesWorld;
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

    @Test
    void readsAShapesWorldClipWithItsOwnVocabulary() throws Exception {
        Path clip = shapesClip(dir.resolve("shapes_clip.safetensors"), true);
        Path red = disc("red.png", 0xd62828);
        Path blue = disc("blue.png", 0x2850d6);
        Cli.Run r = Cli.run("clip-score", "--clip", clip.toString(), "--device", "cpu", "--image", red.toString(),
                "--image", blue.toString(), "--text", "red shape", "--text", "blue shape");
        assertEquals(0, r.code(), r.out() + r.err());
        String[] lines = r.out().split("\\R");
        float[] redRow = scores(lines[1]);
        float[] blueRow = scores(lines[2]);
        assertTrue(redRow[0] > redRow[1] && blueRow[1] > blueRow[0], "each disc reads as its own color:\n" + r.out());
    }

    @Test
    void aClipOfAnotherVocabularyIsToldNotIndexedPast() throws Exception {
        Path clip = shapesClip(dir.resolve("renamed.safetensors"), false);
        Cli.Run r = Cli.run("clip-score", "--clip", clip.toString(), "--device", "cpu",
                "--image", disc("red.png", 0xd62828).toString(), "--text", "a red square");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("has a vocabulary of") && r.err().contains("another vocabulary"), r.err());
    }

    /** The shipped Shapes CLIP A, with or without the metadata naming its vocabulary. */
    private static Path shapesClip(Path file, boolean withTokenizer) throws Exception {
        Path shipped = file.resolveSibling("shipped.safetensors");
        try (var in = ShapesWorld.class.getResourceAsStream(ShapesWorld.CLIP_FILE)) {
            java.nio.file.Files.copy(in, shipped, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Safetensors.Contents contents = Safetensors.read(shipped);
        Map<String, String> meta = new java.util.HashMap<>(contents.metadata());
        if (!withTokenizer) {
            meta.remove("tokenizer");
        }
        Safetensors.write(file, contents.tensors(), meta);
        return file;
    }

    private static float[] scores(String line) {
        String[] f = line.trim().split("\\s+");
        float[] out = new float[f.length - 1];
        for (int i = 1; i < f.length; i++) {
            out[i - 1] = Float.parseFloat(f[i]);
        }
        return out;
    }

    /** A filled disc on the world's light background, 64 px. */
    private Path disc(String name, int rgb) throws Exception {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                boolean inside = (x - 32) * (x - 32) + (y - 30) * (y - 30) < 14 * 14;
                img.setRGB(x, y, inside ? rgb : 0xeeece6);
            }
        }
        Path p = dir.resolve(name);
        ImageIO.write(img, "png", p.toFile());
        return p;
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
