package studio.nada.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import studio.nada.weights.Checkpoints;
import studio.nada.weights.PickledObject;
import studio.nada.weights.Safetensors;
import studio.nada.weights.StateDicts;
import studio.nada.weights.TensorData;

/** Lists the top-level entries and every tensor of a weights file. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "List every tensor of a checkpoint (.pt, TorchScript, safetensors): name, dtype, shape.")
public final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "the weights file")
    Path file;

    @Option(names = "--stats", description = "also print sum, min and max of each tensor")
    boolean stats;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Checkpoints.Contents contents = Checkpoints.load(file);
        out.println(file + ": " + describe(contents.format()));
        Object tree = contents.tree();
        if (contents.format() == Checkpoints.Format.SAFETENSORS) {
            Safetensors.read(file).metadata().forEach((k, v) -> out.println("metadata " + k + " = " + v));
        } else if (tree instanceof Map<?, ?> || tree instanceof PickledObject) {
            Map<?, ?> top = tree instanceof PickledObject o ? o.attributes() : (Map<?, ?>) tree;
            out.println("top-level keys (" + top.size() + "):");
            for (Map.Entry<?, ?> e : top.entrySet()) {
                out.println("  " + e.getKey() + ": " + StateDicts.describe(e.getValue()));
            }
        } else {
            out.println("top level: " + StateDicts.describe(tree));
        }
        Map<String, TensorData> tensors = StateDicts.flatten(tree);
        out.println("tensors (" + tensors.size() + "):");
        for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
            TensorData t = e.getValue();
            String name = e.getKey().isEmpty() ? "<tensor>" : e.getKey();
            String line = "  " + name + "\t" + t.dtype() + "\t" + Arrays.toString(t.shape());
            out.println(stats ? line + "\t" + stats(t) : line);
        }
        out.flush();
        return 0;
    }

    private static String describe(Checkpoints.Format format) {
        return switch (format) {
            case TORCH_ZIP -> "PyTorch checkpoint (zip)";
            case TORCH_LEGACY -> "PyTorch checkpoint (legacy, pre-1.6)";
            case TORCHSCRIPT -> "TorchScript archive (tensors only; its code is not read)";
            case SAFETENSORS -> "safetensors";
        };
    }

    private static String stats(TensorData t) {
        long n = t.numel();
        if (n == 0) {
            return "sum=0 (empty)";
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (long i = 0; i < n; i++) {
            double v = t.getDouble(i);
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return String.format("sum=%.6g min=%.6g max=%.6g", sum, min, max);
    }
}
