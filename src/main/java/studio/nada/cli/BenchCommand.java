package studio.nada.cli;

import picocli.CommandLine.Command;

/** Speed measurements at real sizes with random weights. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure speed and memory at real model sizes (random weights).",
        subcommands = {BenchGeneratorCommand.class, BenchClipCommand.class, BenchStepCommand.class,
                BenchTextCommand.class, BenchPreviewCommand.class, BenchPeakCommand.class})
public final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
