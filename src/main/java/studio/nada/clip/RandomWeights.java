package studio.nada.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Random weights at any size, for benchmarks: N(0, 0.02) like OpenAI's init scale, LayerNorm
 * gains 1, logit_scale ln(100). Numbers are not meaningful; sizes and timings are.
 */
final class RandomWeights implements ClipWeights {
    private final long seed;

    RandomWeights(long seed) {
        this.seed = seed;
    }

    @Override
    public long[] shape(String name) {
        return null;
    }

    @Override
    public NDArray load(String name, Shape expected, NDManager manager) {
        if (name.equals("logit_scale")) {
            return studio.nada.nn.Ops.constant(manager, new float[] {(float) Math.log(100)}, new ai.djl.ndarray.types.Shape());
        }
        if (name.matches(".*ln_[a-z0-9]+\\.weight")) {
            return manager.ones(expected);
        }
        manager.getEngine().setRandomSeed((int) (seed + name.hashCode()));
        return manager.randomNormal(0f, 0.02f, expected, DataType.FLOAT32);
    }
}
