package studio.nada.stylegan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import studio.nada.engine.RandomSource;

/**
 * Where a forward pass takes its per-layer noise maps from: the checkpoint's stored buffers
 * (previews that do not flicker), fresh random maps (training, as the reference), zeros, or
 * explicit maps.
 */
public abstract class Noise {
    /** The map for noise layer {@code i} ([1 or B, 1, res, res]). */
    abstract NDArray map(Generator g, int i, long batch, long res, NDManager manager);

    public static Noise stored() {
        return new Noise() {
            @Override
            NDArray map(Generator g, int i, long batch, long res, NDManager manager) {
                return g.params().get("noises.noise_" + i);
            }
        };
    }

    public static Noise zero() {
        return new Noise() {
            @Override
            NDArray map(Generator g, int i, long batch, long res, NDManager manager) {
                return manager.zeros(new Shape(1, 1, res, res));
            }
        };
    }

    /** Fresh maps drawn in layer order, one [B,1,r,r] per layer, as NoiseInjection(noise=None). */
    public static Noise random(RandomSource source) {
        return new Noise() {
            @Override
            NDArray map(Generator g, int i, long batch, long res, NDManager manager) {
                return source.normal(manager, new Shape(batch, 1, res, res));
            }
        };
    }

    public static Noise explicit(List<NDArray> maps) {
        return new Noise() {
            @Override
            NDArray map(Generator g, int i, long batch, long res, NDManager manager) {
                if (i >= maps.size()) {
                    throw new IllegalArgumentException("explicit noise has " + maps.size() + " maps, layer " + i + " needs one");
                }
                return maps.get(i);
            }
        };
    }

    /**
     * The maps {@link #random} would draw for a batch of {@code batch}, drawn now and in the same
     * order, so that a batch run in parts ({@link #rows}) gets the noise it would have had whole.
     */
    public static java.util.List<NDArray> drawRandom(Generator g, RandomSource source, long batch, NDManager manager) {
        java.util.List<NDArray> maps = new java.util.ArrayList<>();
        for (int i = 0; i < g.config().numLayers(); i++) {
            long res = g.config().noiseResolution(i);
            maps.add(source.normal(manager, new Shape(batch, 1, res, res)));
        }
        return maps;
    }

    /** Rows [from, to) of every map. */
    public static Noise rows(java.util.List<NDArray> maps, long from, long to) {
        return explicit(maps.stream().map(a -> a.get(from + ":" + to)).toList());
    }
}
