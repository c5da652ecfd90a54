package studio.nada.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.nada.engine.TensorEngine;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.GeneratorCheckpoint;
import studio.nada.toyworld.ShapesWorld;
import studio.nada.toyworld.WorldSamples;

/** {@code toyworld sample}: grids of generator samples and of the renders their z stands for. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Write samples_generator.png (32 samples of the Shapes generator) and samples_renders.png"
                + " (the scenes their z stands for).")
public final class ToyworldSampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, description = "output folder")
    Path out;

    @Option(names = "--checkpoint", description = "a Shapes generator (default: the shipped one)")
    Path checkpoint;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the z draws (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getOut();
        GeneratorCheckpoint ckpt = checkpoint == null ? ShapesWorld.generatorCheckpoint()
                : GeneratorCheckpoint.read(checkpoint, null);
        java.nio.file.Files.createDirectories(out);
        try (NDManager root = TensorEngine.newManager(Device.cpu())) {
            Generator g = ckpt.build(root);
            WorldSamples samples = WorldSamples.of(g, 32, seed, root);
            samples.writeGrids(out);
            log.printf(Locale.ROOT, "wrote samples_generator.png and samples_renders.png to %s; world-like: %.3f%n",
                    out, samples.worldLikeFraction());
        }
        return 0;
    }
}
