package studio.nada.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.nada.engine.TensorEngine;
import studio.nada.nada.Previewer;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.GeneratorConfig;
import studio.nada.stylegan.GeneratorInit;
import studio.nada.stylegan.Latents;

/** {@code bench preview}: what the studio does for its preview grid, frozen and adapted, per refresh. */
@Command(name = "preview", mixinStandardHelpOptions = true,
        description = "Time the studio's preview refresh: the seeds drawn by the frozen and the adapted generator (random weights).")
public final class BenchPreviewCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    BenchGeneratorSize generator;

    @Option(names = "--seeds", defaultValue = "6", description = "seeds in the grid (default ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--runs", defaultValue = "5", description = "timed runs (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--device", description = "cpu, cuda or cuda:N (default: CUDA when present)")
    String device;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Device dev = TensorEngine.device(device);
        GeneratorConfig gc = generator.config();
        out.printf(Locale.ROOT, "preview: %d seeds at %dpx cm %d, frozen + adapted, on %s%n", seeds, gc.size(),
                generator.channelMultiplier, dev);
        try (NDManager root = TensorEngine.newManager(dev)) {
            Generator frozen = GeneratorInit.random(root, gc);
            Generator adapted = new Generator(gc, frozen.params().copy(root));
            NDArray mean = frozen.meanLatent(Latents.zForSeeds(root, new long[] {0, 1, 2, 3}, gc.styleDim()));
            Previewer previewer = new Previewer(frozen, mean);
            long[] s = new long[seeds];
            for (int i = 0; i < seeds; i++) {
                s[i] = i;
            }
            out.println(BenchTimer.time("frozen + adapted", 1, runs, () -> {
                previewer.render(frozen, s, 0.7);
                previewer.render(adapted, s, 0.7);
            }));
            // during a run the frozen row is drawn once and kept: each refresh draws the adapted row only
            out.println(BenchTimer.time("adapted (in a run)", 1, runs, () -> previewer.render(adapted, s, 0.7)));
            double work = 2 * s.length * studio.nada.nada.StepFlops.generatorForward(gc);
            out.printf(Locale.ROOT, "work %.0f GFLOP for frozen + adapted (%.0f per image)%n", work / 1e9,
                    work / 2 / s.length / 1e9);
        }
        out.println(BenchTimer.peakMemoryLine());
        out.flush();
        return 0;
    }
}
