package studio.nada.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.nada.clip.ClipConfig;
import studio.nada.clip.ClipModel;
import studio.nada.clip.ClipTokenizer;
import studio.nada.engine.TensorEngine;
import studio.nada.nada.ClipGuide;
import studio.nada.nada.PromptTemplates;

/** {@code bench text}: the text direction a run starts with (every template, source and target). */
@Command(name = "text", mixinStandardHelpOptions = true,
        description = "Time the text direction of a prompt pair over all of StyleGAN-NADA's templates (random CLIP weights).")
public final class BenchTextCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--clip", defaultValue = "ViT-B/32", description = "CLIP architecture (default ${DEFAULT-VALUE})")
    String arch;

    @Option(names = "--runs", defaultValue = "3", description = "timed runs (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--device", description = "cpu, cuda or cuda:N (default: CUDA when present)")
    String device;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Device dev = TensorEngine.device(device);
        out.printf(Locale.ROOT, "text direction: CLIP %s, %d templates x 2 prompts, on %s%n", arch,
                PromptTemplates.compose("x").size(), dev);
        try (NDManager root = TensorEngine.newManager(dev);
                ClipGuide guide = new ClipGuide(arch, ClipModel.random(ClipConfig.preset(arch), root, 0),
                        ClipTokenizer.openAi(), 1.0, root)) {
            int[] run = {0};
            // each run asks for a new pair: directions are cached per pair
            out.println(BenchTimer.time("text direction", 1, runs, () -> guide.textDirection("photo " + run[0],
                    "sketch " + run[0]++).toFloatArray()));
        }
        out.println(BenchTimer.peakMemoryLine());
        out.flush();
        return 0;
    }
}
