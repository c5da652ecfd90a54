package studio.nada.nada;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import studio.nada.engine.GradMode;
import studio.nada.engine.StepScope;
import studio.nada.stylegan.Generator;

/**
 * Domain strength: a third generator whose synthesis weights are
 * {@code w = frozen + α·(trained − frozen)} for every synthesis parameter (α = 0 the frozen
 * generator, 1 the trained one, beyond 1 an extrapolation). The mapping network and the buffers
 * (stored noise, blur kernels) are the frozen generator's. Tensor thread only.
 */
public final class DomainBlend implements AutoCloseable {
    private final NDManager manager;
    private final Generator blended;

    /** Allocates the blended twin (a copy of {@code frozen}) under {@code parent}. */
    public DomainBlend(Generator frozen, NDManager parent) {
        this.manager = parent.newSubManager();
        this.blended = new Generator(frozen.config(), frozen.params().copy(manager));
    }

    /** Writes the blend of {@code frozen} and {@code trained} at {@code alpha} into the twin and returns it. */
    public Generator blend(Generator frozen, Generator trained, double alpha) {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("domain strength must be a finite number, got " + alpha);
        }
        if (frozen.config().nLatent() != trained.config().nLatent()
                || frozen.params().names().size() != trained.params().names().size()) {
            throw new IllegalArgumentException("the trained generator does not match the frozen one");
        }
        try (GradMode off = GradMode.disabled();
                StepScope scope = StepScope.open(manager, frozen.arrays())) {
            scope.attach(trained.arrays());
            for (String name : SynthesisLayers.parameters(blended)) {
                NDArray f = frozen.params().get(name);
                NDArray delta = trained.params().get(name).sub(f).muli((float) alpha);
                NDArray w = blended.params().get(name);
                // in place, so the twin's arrays stay where they are: w ← f + α·(t − f)
                w.muli(0f).addi(f).addi(delta);
            }
        }
        return blended;
    }

    /** The twin as last blended. */
    public Generator generator() {
        return blended;
    }

    @Override
    public void close() {
        manager.close();
    }
}
