package studio.nada.cli;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.nada.engine.TensorEngine;
import studio.nada.export.Images;
import studio.nada.inversion.InversionResult;
import studio.nada.inversion.Translation;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.GeneratorCheckpoint;
import studio.nada.toyworld.ShapesWorld;

/** {@code translate}: an inverted photo's latent rendered by each adapted generator. */
@Command(name = "translate", mixinStandardHelpOptions = true,
        description = "Render an inverted latent (invert's latent.safetensors) in each domain: domain_N.png and"
                + " strip.png (the base generator's reconstruction first when --base is given).")
public final class TranslateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--latent", required = true, description = "latent.safetensors written by invert")
    Path latent;

    @Option(names = "--generator", required = true, description = "an adapted generator (repeatable; file or catalog name)")
    List<String> generators;

    @Option(names = "--base", description = "the generator the photo was inverted with, first in the strip"
            + " ('shapes' for the built-in one)")
    String base;

    @Option(names = "--out", required = true, description = "output folder")
    Path out;

    @Option(names = "--device", description = "cpu, cuda or cuda:N (default: CUDA when present)")
    String device;

    @Override
    public Integer call() throws Exception {
        OutputPaths.required("--out", out);
        InversionResult.Latent l = InversionResult.read(latent);
        List<GeneratorCheckpoint> ckpts = new ArrayList<>();
        if (base != null) {
            ckpts.add(base.equals("shapes") ? ShapesWorld.generatorCheckpoint()
                    : GeneratorCheckpoint.read(CatalogNames.generator(base), null));
        }
        for (String g : generators) {
            ckpts.add(GeneratorCheckpoint.read(CatalogNames.generator(g), null));
        }
        OutputPaths.requireWritableFolder("--out", out);
        List<Images.Argb> strip = new ArrayList<>();
        try (NDManager root = TensorEngine.newManager(TensorEngine.device(device))) {
            for (int i = 0; i < ckpts.size(); i++) {
                try (NDManager m = root.newSubManager()) {
                    Generator g = ckpts.get(i).build(m);
                    Images.Argb im = Translation.render(g, l);
                    String name = base != null && i == 0 ? "reconstruction.png"
                            : String.format(Locale.ROOT, "domain_%d.png", base != null ? i : i + 1);
                    Images.writePng(out.resolve(name), im);
                    strip.add(im);
                }
            }
        }
        Images.writePng(out.resolve("strip.png"), Images.grid(strip, strip.size(), 2));
        spec.commandLine().getOut().printf("rendered the latent in %d generators; wrote strip.png to %s%n", strip.size(), out);
        return 0;
    }
}
