package studio.nada.nada;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The direction phase's gate: which bank codes read as the source, and a linear fit of that. */
class SourceGateTest {
    @Test
    void otsuSplitsTwoClustersOfScoresWhereverTheyLie() {
        Random r = new Random(1);
        float[] s = new float[100];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) ((i < 30 ? -1 : 1.5) + 0.2 * r.nextGaussian());
        }
        boolean[] low = SourceGate.otsuLow(s);
        for (int i = 0; i < s.length; i++) {
            assertEquals(i < 30, low[i], "row " + i + " score " + s[i]);
        }
    }

    /**
     * Codes with a one-hot kind (coordinates 0–2) and a size (coordinate 3); kind 0 scores as the
     * source, and the large ones score most source-like of all. The gate must read every kind-0 code
     * as the source, small or large: a gate taught only the lowest quarter (the source pool) reads
     * size too, and the small codes then move only part of the way.
     */
    @Test
    void theGateReadsTheKindNotTheSizeThatCameWithTheScores() {
        int rows = 256;
        int d = 6;
        Random r = new Random(7);
        float[] w = new float[rows * d];
        float[] scores = new float[rows];
        for (int i = 0; i < rows; i++) {
            int kind = i % 3;
            double size = r.nextDouble();
            w[i * d + kind] = 2;
            w[i * d + 3] = (float) (2 * size);
            w[i * d + 4] = (float) r.nextGaussian();
            scores[i] = (float) ((kind == 0 ? -1 - 0.5 * size : 0.5 + 0.3 * r.nextGaussian()) + 0.05 * r.nextGaussian());
        }
        SourceGate gate = SourceGate.fit(w, d, scores);
        for (int i = 0; i < rows; i++) {
            double g = gate.at(w, i);
            if (i % 3 == 0) {
                assertEquals(1, g, 0.05, "a kind-0 code of size " + w[i * d + 3] / 2);
            } else {
                assertEquals(0, g, 0.05, "a kind-" + (i % 3) + " code");
            }
        }
    }

    @Test
    void scoresThatAreAllAlikeAreRefused() {
        float[] w = new float[8 * 2];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SourceGate.fit(w, 2, new float[8]));
        assertTrue(e.getMessage().contains("alike"), e.getMessage());
    }
}
