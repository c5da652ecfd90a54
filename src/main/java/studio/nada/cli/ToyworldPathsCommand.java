package studio.nada.cli;

import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.nada.engine.TensorEngine;
import studio.nada.engine.TensorThread;
import studio.nada.nada.ClipGuide;
import studio.nada.stylegan.Generator;
import studio.nada.toyworld.ClipPaths;
import studio.nada.toyworld.GeneratorPaths;
import studio.nada.toyworld.ShapesWorld;

/**
 * {@code toyworld paths}: how each of a Shapes world's CLIPs reads the way from a kind to another
 * and from a filled shape to its outline, on exact renders ({@link ClipPaths}), and the generator's own
 * way between kinds, its codes' kind one-hots mixed ({@link GeneratorPaths}, "… gen"). In seconds it shows
 * whether the directional loss pulls all the way to the target, where {@code toyworld eval} takes
 * many minutes of adaptations to show where runs stop.
 */
@Command(name = "paths", mixinStandardHelpOptions = true,
        description = "Print how the Shapes world's CLIPs read the paths from each kind to another and from a shape"
                + " to its outline: cos(dI, dT) of exact renders t of the way, and where the pixel judge reads the target;"
                + " then the generator's own way between kinds ('gen': its codes' kind one-hots mixed t of the way).")
public final class ToyworldPathsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--world", description = "a folder written by 'toyworld build' (default: the shipped world)")
    Path world;

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getOut();
        try (TensorThread thread = new TensorThread("nada-tensor")) {
            thread.submit(() -> {
                try (NDManager root = TensorEngine.newManager(TensorEngine.device("cpu"))) {
                    Generator g = ShapesWorld.generator(world, root);
                    for (ClipGuide guide : ShapesWorld.guides(world, new double[] {1, 1}, root)) {
                        log.printf(Locale.ROOT, "CLIP %s: cos(dI, dT) at t %s; peak; judged the target from t%n",
                                guide.name(), String.join(" ", Arrays.stream(ClipPaths.STEPS)
                                        .mapToObj(t -> String.format(Locale.ROOT, "%5s", t)).toList()));
                        List<ClipPaths.Curve> curves = new ArrayList<>(ClipPaths.measure(guide, root));
                        curves.addAll(GeneratorPaths.measure(g, guide, root));
                        for (ClipPaths.Curve c : curves) {
                            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-20s", c.name()));
                            for (double v : c.cos()) {
                                line.append(String.format(Locale.ROOT, " %.3f", v));
                            }
                            line.append(String.format(Locale.ROOT, "  peak %.2f  judged from %s%s", c.peak(),
                                    Double.isNaN(c.judgedFrom()) ? "never" : String.format(Locale.ROOT, "%.2f", c.judgedFrom()),
                                    c.peak() < c.judgedFrom() ? "  (the loss peaks before the target)" : ""));
                            log.println(line);
                        }
                        log.flush();
                    }
                }
                return null;
            }).join();
        }
        return 0;
    }
}
