package studio.nada.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.nada.engine.GradMode;
import studio.nada.engine.StepScope;
import studio.nada.engine.TensorEngine;

/**
 * {@code bench peak}: the machine's practical fp32 peak through the same libtorch the studio uses,
 * on the shapes that dominate a 256 px NADA step (a 3×3 convolution of 512 channels at 64×64 on a
 * batch of 2, and the matrix product of the same size), so step timings can be read as a fraction
 * of what this machine can do rather than as seconds that differ 2× between machines.
 */
@Command(name = "peak", mixinStandardHelpOptions = true,
        description = "Measure this machine's practical fp32 peak (GFLOP/s) on the step's dominant conv and GEMM shapes.")
public final class BenchPeakCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--runs", defaultValue = "5", description = "timed runs of each (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--device", description = "cpu, cuda or cuda:N (default: CUDA when present)")
    String device;

    /** The step's dominant layer: batch 2, 512 → 512 channels, 3×3, 64×64 (also 256 ch at 128², 128 ch at 256²). */
    static final long B = 2;
    static final long C = 512;
    static final long S = 64;

    /** Multiply-adds of the measured conv (and GEMM), as 2 FLOPs each. */
    static final double FLOPS = 2.0 * B * S * S * C * C * 9;

    /** Medians (ms) and rates (GFLOP/s) of the two measured shapes. */
    record Peak(double convMillis, double gemmMillis) {
        double convRate() {
            return FLOPS / (convMillis / 1e3) / 1e9;
        }

        double gemmRate() {
            return FLOPS / (gemmMillis / 1e3) / 1e9;
        }

        double best() {
            return Math.max(convRate(), gemmRate());
        }
    }

    /** Times the step's dominant conv and the GEMM of the same size, {@code runs} times each after one warm-up. */
    static Peak measure(NDManager root, int runs) {
        try (GradMode off = GradMode.disabled(); NDManager m = root.newSubManager()) {
            NDArray x = m.randomNormal(new Shape(B, C, S, S));
            NDArray w = m.randomNormal(new Shape(C, C, 3, 3));
            NDArray a = m.randomNormal(new Shape(B * S * S, C * 9));
            NDArray b = m.randomNormal(new Shape(C * 9, C));
            BenchTimer.Result conv = BenchTimer.time("conv", 1, runs, () -> {
                try (StepScope s = StepScope.open(m, java.util.List.of(x, w))) {
                    studio.nada.nn.Conv.conv2d(x, w, null, 1, 1) // the generator's own conv path
                            .getFloat(0, 0, 0, 0);
                }
            });
            BenchTimer.Result gemm = BenchTimer.time("gemm", 1, runs, () -> {
                try (StepScope s = StepScope.open(m, java.util.List.of(a, b))) {
                    a.matMul(b).getFloat(0, 0);
                }
            });
            return new Peak(conv.median(), gemm.median());
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Device dev = TensorEngine.device(device);
        try (NDManager root = TensorEngine.newManager(dev)) {
            Peak p = measure(root, runs);
            out.printf(Locale.ROOT, "practical fp32 peak on %s, %d threads (%.1f GFLOP each):%n", dev,
                    Runtime.getRuntime().availableProcessors(), FLOPS / 1e9);
            out.printf(Locale.ROOT, "  conv 3x3 %dx%d ch at %dx%d, batch %d   median %8.1f ms   %6.1f GFLOP/s%n", C, C, S, S,
                    B, p.convMillis(), p.convRate());
            out.printf(Locale.ROOT, "  GEMM %dx%dx%d                     median %8.1f ms   %6.1f GFLOP/s%n", B * S * S,
                    C * 9, C, p.gemmMillis(), p.gemmRate());
            double step = studio.nada.nada.StepFlops.of(studio.nada.stylegan.GeneratorConfig.standard(256, 512, 8, 2),
                    java.util.List.of(studio.nada.clip.ClipConfig.vitB32()), 2) / 1e9;
            out.printf(Locale.ROOT, "  peak %.1f GFLOP/s: a %.0f GFLOP step (256 px, cm 2, batch 2, ViT-B/32, k = all)"
                    + " would take %.2f s at it%n", p.best(), step, step / p.best());
            out.println(BenchTimer.peakMemoryLine());
        }
        return 0;
    }
}
