package studio.nada.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.testing.Cli;

/** generate writes each batch as it is rendered and checks its output folder before rendering anything. */
class GenerateStreamingTest {
    @TempDir
    Path dir;

    /**
     * 3000 Shapes images (64 px) in a JVM of 64 MB: holding every image until the end, as before,
     * needs about 100 MB of heap (ARGB pixels and a contact sheet of all of them).
     */
    @Test
    void thousandsOfImagesFitInASmallHeap() throws Exception {
        Path out = dir.resolve("many");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "generate", "--seeds", "0-2999",
                "--batch", "100", "--device", "cpu", "--out", out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), log);
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(3001, files.count(), "3000 seeds and grid.png");
        }
        assertTrue(log.contains("wrote 3000 images and grid.png (the first 256) to " + out), log);
        BufferedImage grid = ImageIO.read(out.resolve("grid.png").toFile());
        assertEquals(8 * 64 + 9 * 2, grid.getWidth());
        assertEquals(32 * 64 + 33 * 2, grid.getHeight());
    }

    @Test
    void anOutputPathThatIsAFileIsRefusedBeforeRendering() throws Exception {
        Path file = Files.write(dir.resolve("taken"), new byte[] {1});
        for (Path out : List.of(file, file.resolve("below"))) {
            Cli.Run r = Cli.run("generate", "--seeds", "0-1", "--device", "cpu", "--out", out.toString());
            assertEquals(1, r.code());
            assertTrue(r.err().contains("error: --out " + out + ": " + file + " is a file, not a folder"), r.err());
            assertFalse(r.out().contains("rendered"), r.out());
        }
    }

    /**
     * --raw-out holds its floats until the end: in a JVM of 256 MB, 10 000 Shapes images (about
     * 1.6 GB held) are refused before anything is rendered, with the numbers.
     */
    @Test
    void rawOutputThatCannotFitIsRefusedWithTheNumbers() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "generate", "--seeds", "0-9999",
                "--device", "cpu", "--out", dir.resolve("o").toString(), "--raw-out",
                dir.resolve("raw.safetensors").toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), log);
        assertTrue(log.contains("--raw-out keeps every image in memory until it is written: 10000 images of 64x64"), log);
        assertFalse(log.matches("(?s).*rendered \\d+/.*"), "nothing is rendered: " + log);
        assertFalse(Files.exists(dir.resolve("raw.safetensors")));
    }
}
