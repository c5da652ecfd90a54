package studio.nada.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.testing.Cli;
import studio.nada.testing.Fixtures;
import studio.nada.testing.ImageBombs;

/**
 * A small file declaring a huge image is refused by its header, before it is decoded and before
 * any model loads; the command ends (the bomb used to end in an OutOfMemoryError on the tensor
 * thread, and the process waited forever).
 */
class ImageBudgetTest {
    private static final Duration NO_HANG = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void aStyleImageOfFortyThousandSquaredPixelsIsRefused() throws Exception {
        Path styles = Files.createDirectories(dir.resolve("styles"));
        Path bomb = ImageBombs.png(styles.resolve("bomb.png"), 40000, 40000);
        Cli.Run r = assertTimeoutPreemptively(NO_HANG, () -> Cli.run("train", "--source", "shape", "--target",
                "blue shape", "--style-images", styles.toString(), "--iterations", "1", "--device", "cpu", "--out",
                dir.resolve("run").toString()));
        assertEquals(1, r.code());
        assertTrue(r.err().contains(bomb + " is 40000 x 40000 pixels (1600 megapixels); images over 64 megapixels"
                + " are refused: scale it down first"), r.err());
    }

    @Test
    void clipScoreRefusesABombAndAMissingImageBeforeLoadingTheModel() throws Exception {
        Path notAModel = Files.write(dir.resolve("not-a-model.pt"), new byte[] {1, 2, 3});
        Path bomb = ImageBombs.png(dir.resolve("bomb.png"), 10000, 10000);
        Cli.Run big = assertTimeoutPreemptively(NO_HANG, () -> Cli.run("clip-score", "--clip", notAModel.toString(),
                "--image", bomb.toString(), "--text", "a photo", "--device", "cpu"));
        assertEquals(1, big.code());
        assertTrue(big.err().contains(bomb + " is 10000 x 10000 pixels (100 megapixels)"), big.err());

        Path missing = dir.resolve("missing.png");
        Cli.Run none = Cli.run("clip-score", "--clip", Fixtures.golden("clip_tiny_jit.pt").toString(), "--image",
                missing.toString(), "--text", "a photo", "--device", "cpu");
        assertEquals(1, none.code());
        assertTrue(none.err().contains("error: " + missing + " does not exist"), none.err());
        Cli.Run folder = Cli.run("clip-score", "--clip", notAModel.toString(), "--image", dir.toString(), "--text",
                "a photo");
        assertTrue(folder.err().contains("error: " + dir + " is a folder, not an image file"), folder.err());
    }
}
