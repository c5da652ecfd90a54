package studio.nada.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import studio.nada.testing.Cli;

/** {@code toyworld paths} prints, per CLIP, one curve per kind change, the outline's, and each kind change's target bent. */
class ToyworldPathsCommandTest {
    @Test
    void printsEachClipsCurvesAndFlagsALossThatPeaksBeforeTheTarget() {
        Cli.Run r = Cli.run("toyworld", "paths");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("CLIP shapes:") && r.out().contains("CLIP shapes-b:"), r.out());
        assertEquals(2, r.out().lines().filter(l -> l.trim().matches("circle>square +[0-9].*")).count(), r.out());
        assertEquals(2, r.out().lines().filter(l -> l.trim().startsWith("circle>square bent")).count(), r.out());
        // the shipped CLIP B reads a ring filled 0.2 of the way as more of an outline than the outline
        // (cos 0.839 at t 0.8, 0.820 at t 1), and the judge reads outlines from t 0.9: flagged
        assertTrue(r.out().lines().anyMatch(l -> l.trim().startsWith("outline") && l.contains("peak 0.80")
                && l.endsWith("(the loss peaks before the target)")), r.out());
    }

    @Test
    void aMissingWorldIsAClearError() {
        Cli.Run r = Cli.run("toyworld", "paths", "--world", "/nonexistent/world");
        assertTrue(r.code() != 0);
        assertTrue(r.err().contains("/nonexistent/world"), r.err());
    }
}
