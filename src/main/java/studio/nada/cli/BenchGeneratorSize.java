package studio.nada.cli;

import picocli.CommandLine.Option;
import studio.nada.stylegan.GeneratorConfig;

/** The generator a bench builds with random weights: resolution and channel multiplier (style 512, 8 MLP layers). */
final class BenchGeneratorSize {
    @Option(names = "--size", defaultValue = "256", description = "generator resolution (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--channel-multiplier", defaultValue = "2", description = "default ${DEFAULT-VALUE}")
    int channelMultiplier;

    GeneratorConfig config() {
        return GeneratorConfig.standard(size, 512, 8, channelMultiplier);
    }
}
