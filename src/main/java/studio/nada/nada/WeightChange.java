package studio.nada.nada;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import studio.nada.engine.GradMode;
import studio.nada.engine.StepScope;
import studio.nada.stylegan.Generator;

/**
 * How far training has moved each W+ layer: {@code ‖w − w₀‖ / ‖w₀‖} over the parameters of the
 * layers that read that W+ entry ({@link LayerMapping#CONSUMER}: conv1, the convs and to_rgbs),
 * trained against frozen. One number per W+ index, 0 for an untouched layer. It reads every
 * synthesis weight once, so the run computes it at preview events only. Tensor thread only.
 */
public final class WeightChange {
    private WeightChange() {}

    public static float[] relative(Generator frozen, Generator trained, NDManager parent) {
        int n = frozen.config().nLatent();
        float[] out = new float[n];
        try (GradMode off = GradMode.disabled();
                StepScope scope = StepScope.open(parent, frozen.arrays())) {
            scope.attach(trained.arrays());
            for (int j = 0; j < n; j++) {
                List<String> names = SynthesisLayers.parameters(frozen, LayerMapping.CONSUMER.layers(j, frozen.config()));
                double moved = 0;
                double norm = 0;
                for (String name : names) {
                    NDArray f = frozen.params().get(name);
                    NDArray t = trained.params().get(name);
                    moved += t.sub(f).square().sum().getFloat();
                    norm += f.square().sum().getFloat();
                }
                out[j] = norm > 0 ? (float) Math.sqrt(moved / norm) : 0f;
            }
        }
        return out;
    }
}
