package studio.nada.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.nada.clip.ClipConfig;
import studio.nada.clip.ClipModel;
import studio.nada.clip.ClipTokenizer;
import studio.nada.engine.RandomSource;
import studio.nada.engine.NativeHeap;
import studio.nada.engine.OpProfile;
import studio.nada.engine.TensorEngine;
import studio.nada.nada.ClipGuide;
import studio.nada.nada.NadaAdapter;
import studio.nada.nada.NadaConfig;
import studio.nada.nada.RecommendedSettings;
import studio.nada.nada.StepFlops;
import studio.nada.nada.StepResult;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.GeneratorConfig;
import studio.nada.stylegan.GeneratorInit;
import studio.nada.toyworld.AttributeChange;
import studio.nada.toyworld.ShapesModels;
import studio.nada.toyworld.ShapesWorld;

/** {@code bench step}: one StyleGAN-NADA step at real sizes with random weights, by phase. */
@Command(name = "step", mixinStandardHelpOptions = true,
        description = "Time a whole NADA adaptation step (random generator and CLIP at real size), split by phase.")
public final class BenchStepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    BenchGeneratorSize generator;

    @Option(names = "--batch", defaultValue = "2", description = "default ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--clip", defaultValue = "ViT-B/32", split = ",", description = "CLIP architectures, e.g. ViT-B/32,ViT-B/16")
    List<String> clips;

    @Option(names = "--layers-k", defaultValue = "0", description = "layers per step (0 = all, no probe)")
    int layersK;

    @Option(names = "--steps", defaultValue = "5", description = "measured steps (default ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--warmup", defaultValue = "1", description = "untimed steps first (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--profile", description = "write libtorch's op trace of the measured steps here (Chrome trace JSON)")
    java.nio.file.Path profile;

    @Option(names = "--profile-top", defaultValue = "15", description = "ops listed from the trace (default ${DEFAULT-VALUE})")
    int profileTop;

    @Option(names = "--device", description = "cpu, cuda or cuda:N (default: CUDA when present)")
    String device;

    @Option(names = "--shapes", description = "time the built-in Shapes world's step instead: its generator, both"
            + " CLIPs and its recommended settings (see --prompt), on the compute threads train uses")
    boolean shapes;

    @Option(names = "--prompt", defaultValue = "blue>green", description = "with --shapes: the change timed, as"
            + " SOURCE>TARGET named as toyworld eval names it (triangle>square, small>large, outline), with its"
            + " suggestion's settings where it is one (default ${DEFAULT-VALUE})")
    String prompt;

    @Option(names = "--memory-every", defaultValue = "0",
            description = "every N measured steps, print resident and live native memory and the live array count")
    int memoryEvery;

    @Override
    public Integer call() throws java.io.IOException {
        PrintWriter out = spec.commandLine().getOut();
        Device dev = TensorEngine.device(device);
        int threadsBefore = shapes ? TensorEngine.useComputeThreadsFor(ShapesModels.generator().size()) : 0;
        try (NDManager root = TensorEngine.newManager(dev)) {
            Generator g;
            List<ClipGuide> guides = new ArrayList<>();
            NadaConfig config;
            if (shapes) {
                RecommendedSettings rec = ShapesWorld.recommended();
                g = ShapesWorld.generatorCheckpoint().build(root);
                guides.addAll(ShapesWorld.guides(null, new double[] {rec.clipWeight(0), rec.clipWeight(1)}, root));
                AttributeChange change;
                try {
                    change = AttributeChange.parse(prompt);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--prompt takes one of the world's changes as SOURCE>TARGET: "
                            + e.getMessage(), e);
                }
                config = rec.forPrompt(change.source(), change.target()).config(change.source(), change.target(), 0);
                out.printf(Locale.ROOT, "NADA step: the Shapes world, %s → %s with its recommended settings (batch %d, %s),"
                        + " %d compute thread(s), on %s%n", config.source(), config.target(), config.batch(),
                        config.autoLayerIters() == 0 ? "phase " + config.phase().id()
                                : config.layersK() == 0 ? "all layers, no probe" : "k " + config.layersK(),
                        ai.djl.pytorch.jni.JniUtils.getNumThreads(), dev);
            } else {
                GeneratorConfig gc = generator.config();
                g = GeneratorInit.random(root, gc);
                for (String arch : clips) {
                    guides.add(new ClipGuide(arch, ClipModel.random(ClipConfig.preset(arch), root, 0),
                            ClipTokenizer.openAi(), 1.0, root));
                }
                config = NadaConfig.defaults("photo", "sketch").withBatch(batch).withLayersK(layersK);
                out.printf(Locale.ROOT, "NADA step: generator %dpx cm %d, batch %d, CLIP %s, k %s, on %s%n", gc.size(),
                        generator.channelMultiplier, batch, clips, layersK <= 0 ? "all (" + gc.nLatent() + ")" : layersK, dev);
            }
            out.flush();
            int iters = config.iterations();
            config = config.withIterations(warmup + steps);
            GeneratorConfig gc = g.config();
            try (NadaAdapter adapter = new NadaAdapter(g, guides, config, RandomSource.engine(), root)) {
                // the first step also scores the source pool (the Shapes world filters for it)
                double first = warmup > 0 ? adapter.step().millis() / 1000.0 : 0;
                for (int i = 1; i < warmup; i++) {
                    adapter.step();
                }
                if (profile != null) {
                    OpProfile.start();
                }
                double[] secs = new double[steps];
                Map<String, Double> phases = new LinkedHashMap<>();
                for (int i = 0; i < steps; i++) {
                    StepResult r = adapter.step();
                    secs[i] = r.millis() / 1000.0;
                    r.phaseMillis().forEach((k, v) -> phases.merge(k, v / 1000.0 / steps, Double::sum));
                    out.printf(Locale.ROOT, "step %d: %.2f s%n", i + 1, secs[i]);
                    if (memoryEvery > 0 && (i + 1) % memoryEvery == 0) {
                        out.printf(Locale.ROOT, "memory after step %d: resident %.1f MiB, malloc in use %.1f MiB,"
                                + " %d live arrays%n", i + 1, NativeHeap.residentBytes() / 1048576.0,
                                NativeHeap.inUseBytes() / 1048576.0, root.getManagedArrays().size());
                    }
                    out.flush();
                }
                if (profile != null) {
                    OpProfile.stop(profile);
                }
                double[] sorted = secs.clone();
                Arrays.sort(sorted);
                double median = steps % 2 == 1 ? sorted[steps / 2] : (sorted[steps / 2 - 1] + sorted[steps / 2]) / 2;
                out.printf(Locale.ROOT, "seconds per step: median %.2f  min %.2f  max %.2f  (%d steps)%n", median,
                        sorted[0], sorted[steps - 1], steps);
                if (shapes) {
                    out.printf(Locale.ROOT, "the recommended %d iterations: about %.0f s of steps%n", iters, iters * median);
                    if (warmup > 0) {
                        out.printf(Locale.ROOT, "a whole adaptation: about %.0f s (the first step %.1f s: it also scores"
                                + " the source pool; then %d at the median)%n", first + (iters - 1) * median, first, iters - 1);
                    }
                }
                out.print("mean by phase:");
                phases.forEach((k, v) -> out.printf(Locale.ROOT, "  %s %.2f s", k, v));
                out.println();
                if (!shapes && layersK <= 0) {
                    // the same run measures what this machine can do, so the ratio holds across machines
                    double work = StepFlops.of(gc, guides.stream().map(gd -> gd.model().config()).toList(), batch);
                    BenchPeakCommand.Peak peak = BenchPeakCommand.measure(root, 3);
                    double rate = work / median / 1e9;
                    out.printf(Locale.ROOT, "work %.1f GFLOP per step: %.1f GFLOP/s = %.0f%% of this machine's peak"
                            + " (%.1f GFLOP/s: conv %.1f, GEMM %.1f)%n", work / 1e9, rate, 100 * rate / peak.best(),
                            peak.best(), peak.convRate(), peak.gemmRate());
                }
            }
            guides.forEach(ClipGuide::close);
        } finally {
            if (shapes) {
                TensorEngine.useComputeThreads(threadsBefore);
            }
        }
        if (profile != null) {
            printOps(out);
        }
        out.println(BenchTimer.peakMemoryLine());
        out.flush();
        return 0;
    }

    /** The trace's costliest ops per measured step (profiling itself slows the steps down). */
    private void printOps(PrintWriter out) {
        try {
            List<OpProfile.Op> ops = OpProfile.summarize(profile, steps);
            double total = ops.stream().mapToDouble(OpProfile.Op::selfSeconds).sum();
            out.printf(Locale.ROOT, "ops by self time per step (profiled, trace in %s):%n", profile);
            for (OpProfile.Op op : ops.subList(0, Math.min(profileTop, ops.size()))) {
                out.printf(Locale.ROOT, "  %-44s %7.3f s %5.1f%%  %5d calls  %s%n", op.name(), op.selfSeconds(),
                        100 * op.selfSeconds() / total, op.calls(), op.topShapes());
            }
        } catch (java.io.IOException e) {
            out.println("cannot read the trace " + profile + ": " + e.getMessage());
        }
        out.flush();
    }
}
