package studio.nada.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.testing.Cli;
import studio.nada.testing.Close;
import studio.nada.testing.Fixtures;
import studio.nada.weights.Safetensors;
import studio.nada.weights.TensorData;

class GenerateCommandTest {
    @TempDir
    Path dir;

    @Test
    void rawOutputFromRecordedLatentsMatchesTheReference() throws Exception {
        Map<String, TensorData> io = Safetensors.read(Fixtures.golden("sg2_tiny64_io.safetensors")).tensors();
        Path latents = dir.resolve("z.safetensors");
        Safetensors.write(latents, Map.of("z", io.get("z")), Map.of());
        Path raw = dir.resolve("raw.safetensors");
        Cli.Run r = Cli.run("generate", "--checkpoint", Fixtures.golden("sg2_tiny64.pt").toString(),
                "--latents", latents.toString(), "--out", dir.resolve("png").toString(),
                "--raw-out", raw.toString(), "--device", "cpu");
        assertEquals(0, r.code(), r.out() + r.err());
        TensorData images = Safetensors.read(raw).tensors().get("images");
        assertArrayEquals(new long[] {2, 3, 64, 64}, images.shape());
        double err = Close.maxAbsDiff(images.toFloatArray(), io.get("img_z").toFloatArray());
        assertTrue(err <= 1e-4, "img_z via the command: " + err);
        assertTrue(Files.exists(dir.resolve("png/latent0000.png")));
    }

    @Test
    void seedsGiveOnePngEachAndAContactSheet() throws Exception {
        Path out = dir.resolve("seeds");
        Cli.Run r = Cli.run("generate", "--checkpoint", Fixtures.golden("sg2_tiny.pt").toString(),
                "--seeds", "3-5,9", "--truncation", "0.7", "--grid-columns", "2", "--out", out.toString(),
                "--device", "cpu");
        assertEquals(0, r.code(), r.out() + r.err());
        for (String s : new String[] {"seed0003", "seed0004", "seed0005", "seed0009"}) {
            BufferedImage img = ImageIO.read(out.resolve(s + ".png").toFile());
            assertEquals(32, img.getWidth());
        }
        BufferedImage grid = ImageIO.read(out.resolve("grid.png").toFile());
        assertEquals(2 * 32 + 3 * 2, grid.getWidth());
        assertEquals(2 * 32 + 3 * 2, grid.getHeight());
        // the same seed renders the same image
        Cli.Run again = Cli.run("generate", "--checkpoint", Fixtures.golden("sg2_tiny.pt").toString(),
                "--seeds", "4", "--truncation", "0.7", "--out", dir.resolve("again").toString(), "--device", "cpu");
        assertEquals(0, again.code());
        assertArrayEquals(Files.readAllBytes(out.resolve("seed0004.png")),
                Files.readAllBytes(dir.resolve("again/seed0004.png")));
    }

    @Test
    void withoutACheckpointTheShapesWorldDraws() throws Exception {
        Path out = dir.resolve("shapes");
        Cli.Run r = Cli.run("generate", "--seeds", "0-1", "--out", out.toString(), "--device", "cpu");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(64, ImageIO.read(out.resolve("seed0001.png").toFile()).getWidth());
    }

    @Test
    void badInputIsAClearErrorAndWritesNothing() {
        Path out = dir.resolve("none");
        Cli.Run r = Cli.run("generate", "--checkpoint", Fixtures.golden("clip_tiny_state.pt").toString(),
                "--out", out.toString(), "--device", "cpu");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("has no 'g_ema' generator"), r.err());
        Cli.Run seeds = Cli.run("generate", "--checkpoint", Fixtures.golden("sg2_tiny.pt").toString(),
                "--seeds", "5-2", "--out", out.toString());
        assertEquals(1, seeds.code());
        assertTrue(seeds.err().contains("bad seed range '5-2'"), seeds.err());
        assertFalse(Files.exists(out));
    }
}
