package studio.nada.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.nada.clip.ClipConfig;
import studio.nada.clip.ClipModel;
import studio.nada.engine.StepScope;
import studio.nada.engine.TensorEngine;

/**
 * Times CLIP's image encoder at real size with random weights: forward without gradient, and
 * forward + backward to the image (what every NADA step does once per generator).
 */
@Command(name = "clip", mixinStandardHelpOptions = true,
        description = "Time CLIP encode_image (forward, and forward+backward to the image) with random weights.")
public final class BenchClipCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--arch", defaultValue = "ViT-B/32", description = "ViT-B/32 or ViT-B/16 (default: ${DEFAULT-VALUE})")
    String arch;

    @Option(names = "--batch", defaultValue = "4", description = "images per call (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--runs", defaultValue = "5", description = "timed runs (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", defaultValue = "1", description = "untimed runs first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--device", defaultValue = "auto", description = "cpu, cuda, cuda:N or auto (default: ${DEFAULT-VALUE})")
    String device;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ClipConfig config = ClipConfig.preset(arch);
        Device dev = TensorEngine.device(device);
        try (NDManager root = TensorEngine.newManager(dev); ClipModel model = ClipModel.random(config, root, 0)) {
            int r = config.imageResolution();
            NDArray images = root.randomNormal(new Shape(batch, 3, r, r));
            out.printf("CLIP %s (vision width %d, %d layers, %d heads, patch %d, %dpx), batch %d, device %s%n",
                    arch, config.visionWidth(), config.visionLayers(), config.visionHeads(), config.visionPatchSize(),
                    r, batch, dev);
            out.println(BenchTimer.time("encode_image", warmup, runs, () -> forward(root, model, images, false)));
            out.println(BenchTimer.time("encode_image + backward", warmup, runs, () -> forward(root, model, images, true)));
            out.println(BenchTimer.peakMemoryLine());
        }
        out.flush();
        return 0;
    }

    private static void forward(NDManager root, ClipModel model, NDArray images, boolean backward) {
        try (StepScope scope = StepScope.open(root)) {
            NDArray x = images.duplicate();
            x.attach(scope.manager());
            if (!backward) {
                model.encodeImage(x).toFloatArray(); // reading the result waits for the device
                return;
            }
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                gc.backward(model.encodeImage(x).sum());
            }
            x.getGradient().toFloatArray();
        }
    }
}
