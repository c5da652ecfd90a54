package studio.nada.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import studio.nada.engine.TensorEngine;

/** Entry point of {@code java -jar nada-studio.jar COMMAND ...}; headless commands only. */
@Command(
        name = "nada-studio",
        mixinStandardHelpOptions = true,
        version = "NADA Studio 0.1.0",
        description = "StyleGAN-NADA studio: CLIP-guided domain adaptation of StyleGAN2 generators.",
        subcommands = {InspectCommand.class, GenerateCommand.class, TrainCommand.class, ClipScoreCommand.class, ExportCommand.class, InvertCommand.class, TranslateCommand.class,
                BenchCommand.class, ToyworldCommand.class, ModelsCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        studio.nada.engine.MallocRelaunch.runInChildIfNeeded(args);
        // before any DJL class loads: never download natives, never phone home
        TensorEngine.configureOffline();
        studio.nada.hub.Downloader.useSystemProxies();
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine newCommandLine() {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setExecutionExceptionHandler((ex, line, parse) -> {
            line.getErr().println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return 1;
        });
        return cmd;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
