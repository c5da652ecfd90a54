package studio.nada.nada;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Style mixing happens on the share of iterations its probability says, wherever the run's seed. */
class MixingCrossoverTest {
    private static final int N_LATENT = 10;

    @Test
    void mixesOnTheShareOfIterationsItsProbabilitySays() {
        for (double p : new double[] {0.3, 0.5, 0.9}) {
            for (long seed = 0; seed < 3; seed++) {
                int mixed = 0;
                Set<Integer> crossovers = new HashSet<>();
                for (int it = 0; it < 1000; it++) {
                    int inject = StepDraws.mixingCrossover(seed, it, p, N_LATENT);
                    assertTrue(inject >= 0 && inject < N_LATENT, "crossover " + inject);
                    mixed += inject > 0 ? 1 : 0;
                    if (inject > 0) {
                        crossovers.add(inject);
                    }
                }
                // binomial(1000, p): 5 standard deviations is at most 0.08
                assertEquals(p, mixed / 1000.0, 0.08, "share of iterations mixed at " + p + ", seed " + seed);
                assertEquals(N_LATENT - 1, crossovers.size(), "every crossover 1.." + (N_LATENT - 1) + " occurs");
            }
        }
    }

    @Test
    void noMixingDrawsNoCrossoverAndTheDrawIsTheSameOnAResumedRun() {
        for (int it = 0; it < 100; it++) {
            assertEquals(0, StepDraws.mixingCrossover(7, it, 0, N_LATENT));
            assertEquals(StepDraws.mixingCrossover(7, it, 0.5, N_LATENT), StepDraws.mixingCrossover(7, it, 0.5, N_LATENT));
        }
        assertEquals(0, StepDraws.mixingCrossover(7, 3, 1.0, 1), "one W+ row has nowhere to cross");
    }
}
