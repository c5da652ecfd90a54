package studio.nada.nada;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.clip.ClipConfig;
import studio.nada.stylegan.GeneratorConfig;
import studio.nada.testing.Cli;

/** A batch that cannot fit is refused with its numbers before the first step, not grown into until killed. */
class BatchMemoryTest {
    private static final ClipConfig VIT_B_32 = new ClipConfig(512, 224, 12, 768, 32, 12, 77, 49408, 512, 8, 12);

    @TempDir
    Path dir;

    @Test
    void ffhqAtBatchTwoFitsAGpuOfTwentyFourGigabytesAndBatchSixtyDoesNot() {
        GeneratorConfig ffhq = GeneratorConfig.standard(1024, 512, 8, 2);
        long perImage = BatchMemory.bytesPerImage(ffhq, List.of(VIT_B_32));
        // 6 maps of each of two convs per resolution: about 3.2 GB an image, of which 1.6 GB at 1024 px alone
        // (32 channels x 1024^2 floats = 134 MB a map); the published runs (batch 2, 16 GB GPUs) fit under it
        assertTrue(perImage > 2_000_000_000L && perImage < 4_000_000_000L, String.valueOf(perImage));
        BatchMemory.check(2, ffhq, List.of(VIT_B_32), 24_000_000_000L);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchMemory.check(60, ffhq, List.of(VIT_B_32), 24_000_000_000L));
        assertTrue(e.getMessage().matches("a batch of 60 needs at least [0-9.]+ GB for this generator and CLIP \\([0-9.]+ GB"
                + " an image\\), more than the 24.0 GB of memory here: use a batch of [0-9]+ or less"), e.getMessage());
    }

    @Test
    void trainRefusesABatchBeyondThisMachinesMemoryBeforeTheFirstStep() {
        Cli.Run r = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> Cli.run("train", "--source", "red shape",
                "--target", "blue shape", "--batch", "2000000000", "--iterations", "1", "--device", "cpu", "--out",
                dir.resolve("run").toString()));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("error: a batch of 2000000000 needs at least"), r.err());
        assertTrue(!r.out().contains("iter 1/"), r.out());
    }
}
