package studio.nada.nada;

import java.util.Random;
import java.util.SplittableRandom;

/**
 * What iteration i of a run draws besides the engine's tensors: which rows of the source bank it
 * trains on, which held code it holds, and whether and where it mixes styles. Each draw depends on
 * (seed, iteration) alone, so a resumed run draws exactly what an uninterrupted one would.
 */
final class StepDraws {
    /** Codes held per step (see {@link NadaConfig#withHoldWeight}). */
    static final int HELD_PER_STEP = 1;

    private StepDraws() {}

    /** {@code batch} distinct rows of a source bank of {@code bankSize} codes. */
    static int[] sourceRows(long seed, int iteration, int bankSize, int batch) {
        return distinct(new Random(seed * 1_000_033L + iteration), bankSize, batch);
    }

    /** Rows of the held codes (those that do not show the source, which the run should leave as they are). */
    static int[] heldRows(long seed, int iteration, int heldSize) {
        return distinct(new Random(seed * 1_000_037L + iteration), heldSize, HELD_PER_STEP);
    }

    /**
     * Where the iteration mixes styles: the W+ index in [1, nLatent) from which the second code's
     * styles take over, with probability {@code mixing}; 0 when it does not mix. One {@link
     * SplittableRandom} per (seed, iteration), which scrambles its seed: java.util.Random seeded
     * with consecutive numbers draws nearly the same first double (0.7–0.8 on each of 280
     * iterations for seeds 0, 1 and 2), so that a mixing of 0.5 never mixed and 0.9 always did.
     */
    static int mixingCrossover(long seed, int iteration, double mixing, int nLatent) {
        if (mixing <= 0 || nLatent < 2) {
            return 0;
        }
        SplittableRandom coin = new SplittableRandom(seed * 1_000_039L + iteration);
        return coin.nextDouble() < mixing ? 1 + coin.nextInt(nLatent - 1) : 0;
    }

    private static int[] distinct(Random pick, int size, int count) {
        return pick.ints(0, size).distinct().limit(count).toArray();
    }
}
