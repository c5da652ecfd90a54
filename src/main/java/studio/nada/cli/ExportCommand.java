package studio.nada.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.nada.export.SeedList;
import studio.nada.engine.TensorEngine;
import studio.nada.export.ExportJob;
import studio.nada.export.ExportOptions;
import studio.nada.export.GeneratorDelta;
import studio.nada.export.RunProvenance;
import studio.nada.hub.Bytes;
import studio.nada.hub.Checksums;
import studio.nada.nada.DomainBlend;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.GeneratorCheckpoint;
import studio.nada.stylegan.Truncation;
import studio.nada.toyworld.ShapesWorld;

/** {@code export}: image sets, animations and generator files from an adapted generator. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export an adapted generator: PNGs, a contact sheet, a latent-walk or frozen->adapted GIF/MP4,"
                + " the generator as .pt / .safetensors / a delta from its base, and export.json.")
public final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--run", description = "a train output folder or studio session (its generator.pt and run.json)")
    Path run;

    @Option(names = "--generator", description = "the adapted generator (.pt, .safetensors, a delta, or a catalog name)")
    String generator;

    @Option(names = "--base", description = "the generator it was adapted from (default: the run's, else the Shapes world)")
    String base;

    @Option(names = "--out", required = true, description = "folder to export into")
    Path out;

    @Option(names = "--overwrite", description = "replace files of an earlier export in --out")
    boolean overwrite;

    @Option(names = "--seeds", defaultValue = "0-15", description = "default ${DEFAULT-VALUE}")
    String seeds;

    @Option(names = "--truncation", defaultValue = "1.0", description = "psi toward the mean latent (default ${DEFAULT-VALUE})")
    double truncation;

    @Option(names = "--strength", defaultValue = "1.0", description = "domain strength: 0 frozen, 1 adapted (default ${DEFAULT-VALUE})")
    double strength;

    @Option(names = "--pairs", description = "frozen images too: seedNNNN_frozen.png, frozen | adapted in grid and walk")
    boolean pairs;

    @Option(names = "--no-pngs", description = "no PNG per seed")
    boolean noPngs;

    @Option(names = "--no-grid", description = "no contact sheet")
    boolean noGrid;

    @Option(names = "--labels", description = "caption each tile of the contact sheet with its seed")
    boolean labels;

    @Option(names = "--columns", defaultValue = "8", description = "contact sheet columns (default ${DEFAULT-VALUE})")
    int columns;

    @Option(names = "--gif", defaultValue = "none", description = "walk, morph or none (default ${DEFAULT-VALUE})")
    String gif;

    @Option(names = "--mp4", defaultValue = "none", description = "walk, morph or none (default ${DEFAULT-VALUE})")
    String mp4;

    @Option(names = "--frames", defaultValue = "48", description = "animation frames (default ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--fps", defaultValue = "24", description = "animation frames per second (default ${DEFAULT-VALUE})")
    int fps;

    @Option(names = "--frame-size", description = "animation tile size in px (default: the generator's, at most 256)")
    Integer frameSize;

    @Option(names = "--pt", description = "the adapted generator as rosinality .pt (torch.load, strict=True)")
    boolean pt;

    @Option(names = "--safetensors", description = "the adapted generator as .safetensors")
    boolean safetensors;

    @Option(names = "--delta", description = "only the tensors training changed, named after the base's sha256")
    boolean delta;

    @Option(names = "--device", description = "cpu, cuda or cuda:N (default: CUDA when present)")
    String device;

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getOut();
        OutputPaths.required("--out", out);
        Path adaptedFile = adaptedFile();
        Map<String, Object> provenance = RunProvenance.of(adaptedFile);
        Base b = base(provenance);
        GeneratorCheckpoint adapted = GeneratorDelta.baseOf(adaptedFile) != null
                ? GeneratorDelta.apply(adaptedFile, b.checkpoint(), b.sha256())
                : GeneratorCheckpoint.read(adaptedFile, null);
        if (!adapted.stateDict().keySet().equals(b.checkpoint().stateDict().keySet())
                || adapted.config().size() != b.checkpoint().config().size()) {
            throw new IllegalArgumentException(adaptedFile + " was not adapted from " + b.checkpoint().source()
                    + " (their layers differ): give the generator it came from with --base");
        }
        int size = adapted.config().size();
        ExportOptions options = new ExportOptions(SeedList.parse(seeds), truncation, strength, pairs, !noPngs, !noGrid,
                columns, labels, ExportOptions.Animation.parse(gif), ExportOptions.Animation.parse(mp4), frames, fps,
                frameSize != null ? frameSize : Math.min(size, 256), pt, safetensors, delta);
        long weights = adapted.stateDict().values().stream().mapToLong(t -> t.bytes().remaining()).sum();
        long need = options.estimateBytes(size, weights);
        log.printf("exporting %d files (about %s) to %s%n", options.fileNames().size(), Bytes.human(need), out);
        Device dev = TensorEngine.device(device);
        List<Path> written;
        try (NDManager root = TensorEngine.newManager(dev)) {
            Generator frozen = b.checkpoint().build(root);
            Generator trained = adapted.build(root);
            try (DomainBlend blend = new DomainBlend(frozen, root)) {
                NDArray mean = truncation != 1 ? Truncation.meanLatent(frozen, b.checkpoint().latentAvg(root), root) : null;
                ExportJob.Models models = new ExportJob.Models(frozen,
                        s -> s == 1.0 ? trained : s == 0.0 ? frozen : blend.blend(frozen, trained, s), mean,
                        adapted.stateDict(), adapted.latentAvg(), b.checkpoint(), b.sha256(), Map.of("file",
                        adaptedFile.toString(), "sha256", Checksums.sha256(adaptedFile, () -> false)), provenance);
                long[] last = {0};
                written = ExportJob.run(models, options, out, overwrite, p -> {
                    if (System.nanoTime() - last[0] > 1_000_000_000L || p.done() == p.total()) {
                        last[0] = System.nanoTime();
                        log.printf("%d/%d %s%n", p.done(), p.total(), p.what());
                        log.flush();
                    }
                }, () -> false);
            }
        }
        log.printf("wrote %d files to %s%n", written.size(), out);
        return 0;
    }

    private Path adaptedFile() {
        if ((run == null) == (generator == null)) {
            throw new IllegalArgumentException("give --run DIR (a train output or session folder) or --generator FILE");
        }
        if (run != null) {
            Path g = run.resolve("generator.pt");
            if (!Files.isRegularFile(g)) {
                throw new IllegalArgumentException(run + " has no generator.pt: is it a finished run? (an unfinished"
                        + " one can be continued with train --resume)");
            }
            return g;
        }
        return CatalogNames.generator(generator);
    }

    private record Base(GeneratorCheckpoint checkpoint, String sha256) {}

    private Base base(Map<String, Object> provenance) throws Exception {
        String from = base;
        if (from == null && provenance.get("models") instanceof Map<?, ?> m && m.get("generator") instanceof String g
                && !isShapes(g)) {
            from = g;
            if (!Files.isRegularFile(Path.of(g))) {
                throw new IllegalArgumentException("this run was adapted from " + g + ", which is not there any more:"
                        + " give it with --base");
            }
        }
        if (from == null || isShapes(from)) {
            try (InputStream in = ShapesWorld.generatorBytes()) {
                return new Base(ShapesWorld.generatorCheckpoint(), Checksums.sha256(in, "the Shapes generator", () -> false));
            }
        }
        Path file = CatalogNames.generator(from);
        return new Base(GeneratorCheckpoint.read(file, null), Checksums.sha256(file, () -> false));
    }

    private static boolean isShapes(String g) {
        return g.equals("shapes") || g.equals(ShapesWorld.GENERATOR_FILE) || g.contains("built-in Shapes");
    }
}
