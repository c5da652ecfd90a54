package studio.nada.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code toyworld}: the built-in Shapes world (build its models, look at it). */
@Command(name = "toyworld", mixinStandardHelpOptions = true,
        description = "The built-in Shapes world: train its generator and CLIP, render samples, or measure how adaptations fare.",
        subcommands = {ToyworldBuildCommand.class, ToyworldSampleCommand.class, ToyworldEvalCommand.class,
            ToyworldPathsCommand.class})
public final class ToyworldCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
