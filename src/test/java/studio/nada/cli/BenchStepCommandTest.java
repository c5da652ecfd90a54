package studio.nada.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import studio.nada.testing.Cli;

/** {@code bench step --shapes} times the Shapes world's own step, by phase (the seconds belong to the machine). */
class BenchStepCommandTest {
    @Test
    void timesTheShapesWorldsRecommendedStep() {
        Cli.Run r = Cli.run("bench", "step", "--shapes", "--steps", "2", "--warmup", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("the Shapes world, blue shape → green shape with its recommended settings (batch ")
                && r.out().contains("), 1 compute thread"), r.out());
        // the world trains every layer, so its step has no probe phase
        assertTrue(r.out().contains("(batch 2, all layers, no probe)"), r.out());
        assertTrue(r.out().contains("forward+loss") && r.out().contains("backward") && !r.out().contains("probe "), r.out());
        assertTrue(r.out().matches("(?s).*the recommended \\d+ iterations: about \\d+ s of steps.*"), r.out());
        assertTrue(r.out().matches("(?s).*a whole adaptation: about \\d+ s \\(the first step \\d+\\.\\d s: it also scores the source pool.*"), r.out());
    }

    @Test
    void timesASuggestionWithItsOwnSettings() {
        Cli.Run r = Cli.run("bench", "step", "--shapes", "--prompt", "triangle>square", "--steps", "1", "--warmup", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("triangle → square with its recommended settings (batch 2, phase direction)"), r.out());
        assertTrue(r.out().contains("the recommended 200 iterations"), r.out());

        Cli.Run bad = Cli.run("bench", "step", "--shapes", "--prompt", "triangle square");
        assertTrue(bad.code() != 0 && bad.err().contains("SOURCE>TARGET"), bad.out() + bad.err());
    }
}
