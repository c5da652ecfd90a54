package studio.nada.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import studio.nada.engine.RandomSource;
import studio.nada.engine.StepScope;
import studio.nada.engine.TensorEngine;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.GeneratorConfig;
import studio.nada.stylegan.GeneratorInit;
import studio.nada.stylegan.Latents;
import studio.nada.stylegan.Noise;

/** {@code bench generator}: forward and forward+backward of a StyleGAN2 generator at real size. */
@Command(name = "generator", mixinStandardHelpOptions = true,
        description = "Time the StyleGAN2 generator (random weights): forward, and forward+backward.")
public final class BenchGeneratorCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--size", defaultValue = "256", description = "output resolution (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--channel-multiplier", defaultValue = "2", description = "default ${DEFAULT-VALUE}")
    int channelMultiplier;

    @Option(names = "--batch", defaultValue = "2", description = "default ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--style-dim", defaultValue = "512", description = "default ${DEFAULT-VALUE}")
    int styleDim;

    @Option(names = "--n-mlp", defaultValue = "8", description = "default ${DEFAULT-VALUE}")
    int nMlp;

    @Option(names = "--runs", defaultValue = "5", description = "measured runs (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", defaultValue = "1", description = "untimed runs first (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--device", description = "cpu, cuda or cuda:N (default: CUDA when present)")
    String device;

    @Override
    public Integer call() {
        java.io.PrintWriter out = spec.commandLine().getOut();
        Device dev = TensorEngine.device(device);
        GeneratorConfig config = GeneratorConfig.standard(size, styleDim, nMlp, channelMultiplier);
        out.printf("generator %dpx, channel multiplier %d, batch %d, style_dim %d, n_mlp %d on %s%n",
                size, channelMultiplier, batch, styleDim, nMlp, dev);
        try (NDManager root = TensorEngine.newManager(dev)) {
            Generator g = GeneratorInit.random(root, config);
            RandomSource rng = RandomSource.engine();
            BenchTimer.Result fwd = BenchTimer.time("forward", warmup, runs, () -> {
                try (StepScope s = StepScope.open(root, g.arrays())) {
                    forward(g, s.manager(), rng).toFloatArray();
                }
            });
            out.println(fwd);
            out.flush();
            List<String> trainable = g.params().parameterNames().stream().filter(n -> !n.startsWith("style.")).toList();
            trainable.forEach(n -> g.params().get(n).setRequiresGradient(true));
            BenchTimer.Result bwd = BenchTimer.time("forward+backward", warmup, runs, () -> {
                try (StepScope s = StepScope.open(root, g.arrays());
                        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = forward(g, s.manager(), rng).square().mean();
                    gc.backward(loss);
                    for (String n : trainable) {
                        g.params().get(n).getGradient().muli(0);
                    }
                }
            });
            out.println(bwd);
        }
        out.println(BenchTimer.peakMemoryLine());
        return 0;
    }

    private NDArray forward(Generator g, NDManager m, RandomSource rng) {
        NDArray z = rng.normal(m, new Shape(batch, styleDim));
        NDArray w = g.style(z).stopGradient();
        return g.synthesis(Latents.toWPlus(w, g.config().nLatent()), Noise.random(rng));
    }
}
