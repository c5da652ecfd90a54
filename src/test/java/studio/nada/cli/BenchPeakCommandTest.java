package studio.nada.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import studio.nada.testing.Cli;

/** {@code bench peak} runs and reports a rate for the conv and the GEMM (the numbers themselves belong to the machine). */
class BenchPeakCommandTest {
    @Test
    void reportsGflopsForTheDominantShapes() {
        Cli.Run r = Cli.run("bench", "peak", "--runs", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("conv 3x3 512x512") && r.out().contains("GEMM 8192x4608x512"), r.out());
        assertTrue(r.out().lines().filter(l -> l.contains("GFLOP/s")).count() >= 3, r.out());
    }
}
