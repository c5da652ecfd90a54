package studio.nada.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.nada.export.SeedList;
import studio.nada.clip.BoundedImages;
import studio.nada.engine.RandomSource;
import studio.nada.engine.TensorEngine;
import studio.nada.engine.TensorThread;
import studio.nada.nada.AdaptationCheckpoint;
import studio.nada.nada.ClipGuide;
import studio.nada.nada.ImageGuidedDirection;
import studio.nada.nada.LayerMapping;
import studio.nada.nada.MadeByRun;
import studio.nada.nada.NadaAdapter;
import studio.nada.nada.NadaConfig;
import studio.nada.nada.PhasePreset;
import studio.nada.nada.PromptText;
import studio.nada.nada.RecommendedSettings;
import studio.nada.nada.RunLock;
import studio.nada.nada.RunOptions;
import studio.nada.nada.RunSidecar;
import studio.nada.nada.TrainingEvent;
import studio.nada.nada.TrainingRun;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.GeneratorCheckpoint;
import studio.nada.toyworld.ShapesWorld;
import studio.nada.weights.AtomicFiles;

/** {@code train}: StyleGAN-NADA adaptation of a generator, headless. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Adapt a StyleGAN2 generator from a source to a target description with CLIP (StyleGAN-NADA).")
public final class TrainCommand implements Callable<Integer> {
    private static final String RECOMMENDED = "(default: the model set's recommendation)";

    @Spec
    CommandSpec spec;

    @Option(names = "--generator", description = "rosinality-format generator checkpoint, or a catalog name"
            + " (`models list`; default: the built-in Shapes world)")
    String generator;

    @Option(names = "--generator-key", description = "state dict inside the checkpoint (default g_ema)")
    String generatorKey;

    @Option(names = "--clip", description = "CLIP model as NAME=FILE, e.g. ViT-B/32=ViT-B-32.pt, or a catalog name, e.g."
            + " ViT-B/32 (repeatable; default: the Shapes world's)")
    List<String> clips = new ArrayList<>();

    @Option(names = "--clip-weights", split = ",", description = "one weight per --clip " + RECOMMENDED)
    List<Double> clipWeights;

    @Option(names = "--clip-heads", description = "VISION:TEXT attention heads (default width/64, as OpenAI)")
    String clipHeads;

    @Option(names = "--source", description = "source description, e.g. \"photo\"")
    String source;

    @Option(names = "--target", description = "target description, e.g. \"sketch\"")
    String target;

    @Option(names = "--style-images", description = "folder of target-style images (image-guided; --target optional)")
    Path styleImages;

    @Option(names = "--iterations", description = "total iterations " + RECOMMENDED)
    Integer iterations;

    @Option(names = "--batch", description = "images per step " + RECOMMENDED)
    Integer batch;

    @Option(names = "--layers-k", description = "layers trained per step, 0 = all W+ layers " + RECOMMENDED)
    Integer layersK;

    @Option(names = "--auto-layer-iters", description = "probe steps; 0 uses --phase " + RECOMMENDED)
    Integer autoLayerIters;

    @Option(names = "--auto-layer-batch", description = "codes the layer probe optimizes (the paper: 8) " + RECOMMENDED)
    Integer autoLayerBatch;

    @Option(names = "--direction-floor", description = "floor on |ΔI| in the directional loss (the paper: 0) " + RECOMMENDED)
    Double directionFloor;

    @Option(names = "--source-pool", description = "train on the share batch/pool of codes most like the source (the paper: 0, every code) " + RECOMMENDED)
    Integer sourcePool;

    @Option(names = "--hold-weight", description = "with a source pool, hold the codes that do not show the source where they are, this weight on their pixel change (the paper: 0, off) " + RECOMMENDED)
    Double holdWeight;

    @Option(names = "--hold-background", arity = "0..1", fallbackValue = "true",
            description = "hold only the held codes' background (pixels near the picture's corner), for a change every"
                    + " sample shows, such as an outline style: true or false " + RECOMMENDED)
    Boolean holdBackground;

    @Option(names = "--contrast-view", description = "CLIP also reads the pictures with their departures from the"
            + " background multiplied by this (0: off, the paper; 3 for the Shapes world's outline) " + RECOMMENDED)
    Double contrastView;

    @Option(names = "--anneal", arity = "0..1", fallbackValue = "true",
            description = "the learning rate falls to 0 over the run and each step's update is clipped (false: the"
                    + " paper's constant rate; true for the Shapes world's outline): true or false " + RECOMMENDED)
    Boolean anneal;

    @Option(names = "--layer-mapping", description = "upstream or consumer " + RECOMMENDED)
    String layerMapping;

    @Option(names = "--phase", description = "preset with --auto-layer-iters 0: none, texture, shape, no_fine, shape_expanded, all, styles (the style affines alone), direction (the affines along the codes' own direction, one number trained) or fine (the two finest resolutions' convs and every to_rgb's style); " + RECOMMENDED)
    String phase;

    @Option(names = "--lr", description = "Adam learning rate " + RECOMMENDED + "; the paper's is 0.0016 = 0.002·4/5")
    Double lr;

    @Option(names = "--mixing", description = "style-mixing probability " + RECOMMENDED)
    Double mixing;

    @Option(names = "--seed", defaultValue = "0", description = "default ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--out", description = "output folder (checkpoint, samples, generator.pt, run.json)")
    Path out;

    @Option(names = "--resume", description = "continue the run in this folder from its checkpoint.pt")
    Path resume;

    @Option(names = "--overwrite", description = "start over in an --out folder that holds an earlier run (its"
            + " checkpoint, generators, run.json and samples are deleted first)")
    boolean overwrite;

    @Option(names = "--checkpoint-every", defaultValue = "50", description = "default ${DEFAULT-VALUE}")
    int checkpointEvery;

    @Option(names = "--sample-every", defaultValue = "50", description = "default ${DEFAULT-VALUE}")
    int sampleEvery;

    @Option(names = "--preview-seeds", defaultValue = "0-7", description = "seeds of the sample grids (default ${DEFAULT-VALUE})")
    String previewSeeds;

    @Option(names = "--device", description = "cpu, cuda or cuda:N (default: CUDA when present)")
    String device;

    @Override
    public Integer call() throws Exception {
        OutputPaths.required("--out", out);
        OutputPaths.required("--resume", resume);
        Path dir = out != null ? out : resume;
        if (dir == null) {
            throw new IllegalArgumentException("give --out DIR (or --resume DIR)");
        }
        if (resume != null && !Files.exists(RunOptions.checkpointFile(resume))) {
            throw new IllegalArgumentException("nothing to resume: " + RunOptions.checkpointFile(resume) + " does not exist");
        }
        if (iterations != null && iterations < 1) {
            throw new IllegalArgumentException("--iterations must be at least 1");
        }
        if (layersK != null && layersK < 0) {
            throw new IllegalArgumentException("--layers-k must be 0 (all W+ layers) or more, not " + layersK);
        }
        // what this run makes before its first output: removed again if it fails
        MadeByRun made = MadeByRun.before(dir);
        // held until the run ends: a second run on this folder fails here, before anything is loaded
        try (RunLock lock = RunLock.acquire(dir)) {
            boolean finished = false;
            try {
                keepEarlierWork(dir);
                // a run killed while writing left hidden temporary files; the folder is ours now
                for (String name : List.of("checkpoint.pt", "generator.pt", "generator.safetensors", "run.json")) {
                    AtomicFiles.removeLeftovers(dir.resolve(name));
                }
                int code = train(dir);
                finished = code == 0;
                return code;
            } finally {
                if (!finished) {
                    made.removeIfEmpty();
                }
            }
        }
    }

    /**
     * Refuses to start a new run over an earlier one's outputs unless the user asked for it:
     * --resume continues that run, --overwrite deletes its outputs first.
     */
    private void keepEarlierWork(Path dir) throws IOException {
        boolean resumingHere = resume != null && (out == null
                || out.toAbsolutePath().normalize().equals(resume.toAbsolutePath().normalize()));
        List<Path> earlier = resumingHere ? List.of() : OutputPaths.runOutputs(dir);
        if (earlier.isEmpty()) {
            return;
        }
        if (!overwrite) {
            throw new IllegalArgumentException(dir + " already holds an earlier run ("
                    + OutputPaths.shortList(OutputPaths.existing(dir, earlier)) + "): continue it with --resume " + dir
                    + ", start over with --overwrite, or choose another --out");
        }
        for (Path p : earlier) {
            Files.deleteIfExists(p);
        }
    }

    private int train(Path dir) throws Exception {
        PrintWriter log = spec.commandLine().getOut();
        boolean textTarget = target != null;
        // a suggestion's own settings where the prompt is one of the model set's suggestions
        Fallback settings = new Fallback(recommended().forPrompt(source, target));
        NadaConfig config = config(settings);
        List<ClipSpecs.Spec> clipSpecs = ClipSpecs.parse(clips,
                settings.pick("--clip-weights", clipWeights, settings.recommended().clipWeights()));
        log.println(resume != null ? "settings: those of the run being resumed (its checkpoint)" : settings.line());
        List<Path> styles = styleImages == null ? List.of() : ImageGuidedDirection.imagesIn(styleImages);
        for (Path image : styles) {
            BoundedImages.dimensions(image); // an unreadable or oversized image is told before the models load
        }
        int[] heads = heads();
        Device dev = TensorEngine.device(device); // a device that does not exist is told before any model loads
        GeneratorCheckpoint ckpt = generator == null ? ShapesWorld.generatorCheckpoint()
                : GeneratorCheckpoint.read(CatalogNames.generator(generator), generatorKey);
        int nLatent = ckpt.config().nLatent();
        if (config.layersK() > nLatent) {
            throw new IllegalArgumentException("--layers-k " + config.layersK() + " is more than this generator's "
                    + nLatent + " W+ layers: give 1 to " + nLatent + ", or 0 for all");
        }
        Files.createDirectories(dir.resolve("samples"));
        RunOptions options = RunOptions.defaults(dir).withIntervals(checkpointEvery, sampleEvery)
                .withPreviewSeeds(SeedList.parse(previewSeeds)).withLatentAvg(ckpt.latentAvg())
                .withSourceDescription(ckpt.source().toString());
        if (resume != null) {
            Path file = RunOptions.checkpointFile(resume);
            if (!Files.exists(file)) {
                throw new IllegalArgumentException("nothing to resume: " + file + " does not exist");
            }
            options = options.withResume(file);
        }
        try (TensorThread thread = new TensorThread("nada-tensor")) {
            NDManager[] root = new NDManager[1];
            int[] threadsBefore = {0};
            TrainingRun run = new TrainingRun(thread, () -> {
                root[0] = TensorEngine.newManager(dev);
                Generator g = ckpt.build(root[0]);
                threadsBefore[0] = TensorEngine.useComputeThreadsFor(g.config().size());
                List<ClipGuide> guides = ClipSpecs.load(clipSpecs, root[0], heads[0], heads[1]);
                NadaAdapter adapter = new NadaAdapter(g, guides, config, RandomSource.engine(), root[0]);
                if (!styles.isEmpty()) {
                    ImageGuidedDirection.apply(adapter, styles, !textTarget, RandomSource.engine());
                }
                return adapter;
            }, options, e -> TrainLog.report(log, dir, e));
            run.start();
            TrainingEvent end = run.completion().join();
            run.close().join();
            thread.submit(() -> {
                if (root[0] != null) {
                    root[0].close();
                }
                if (threadsBefore[0] > 0) {
                    TensorEngine.useComputeThreads(threadsBefore[0]);
                }
                return null;
            }).join();
            if (end instanceof TrainingEvent.Failed f) {
                spec.commandLine().getErr().println("error: " + f.message());
                return 1;
            }
        }
        return 0;
    }

    /**
     * The settings of the model set being adapted: the Shapes world's own when it is (no
     * --generator, no --clip), else the paper's, which fit FFHQ-like and other generators.
     */
    private RecommendedSettings recommended() {
        return generator == null && clips.isEmpty() ? ShapesWorld.recommended() : RecommendedSettings.paperDefaults();
    }

    private NadaConfig config(Fallback r) throws Exception {
        if (resume != null) {
            Path file = RunOptions.checkpointFile(resume);
            if (Files.exists(file)) {
                String json = AdaptationCheckpoint.readConfigJson(file);
                if (json != null) {
                    NadaConfig saved = RunSidecar.readConfig(json);
                    samePrompt("--source", source, saved.source(), saved);
                    samePrompt("--target", target, saved.target(), saved);
                    List<String> ignored = new ArrayList<>();
                    Object[][] flags = {{"--batch", batch}, {"--layers-k", layersK}, {"--auto-layer-iters", autoLayerIters},
                        {"--auto-layer-batch", autoLayerBatch}, {"--direction-floor", directionFloor},
                        {"--source-pool", sourcePool}, {"--hold-weight", holdWeight},
                        {"--hold-background", holdBackground}, {"--contrast-view", contrastView}, {"--anneal", anneal},
                        {"--layer-mapping", layerMapping}, {"--phase", phase}, {"--lr", lr}, {"--mixing", mixing}};
                    for (Object[] f : flags) {
                        if (f[1] != null) {
                            ignored.add((String) f[0]);
                        }
                    }
                    if (!ignored.isEmpty()) {
                        spec.commandLine().getOut().println("note: " + String.join(", ", ignored) + " ignored: --resume"
                                + " continues with the settings saved in its checkpoint");
                    }
                    return iterations == null ? saved : saved.withIterations(iterations);
                }
            }
        }
        if (target == null && styleImages != null) {
            target = "the style of " + styleImages.getFileName();
        }
        RecommendedSettings rec = r.recommended();
        if (source == null || target == null) {
            throw new IllegalArgumentException(String.format("give --source and --target descriptions, e.g."
                    + " --source \"%s\" --target \"%s\"", rec.source(), rec.target()));
        }
        return new NadaConfig(source, target, r.pick("--iterations", iterations, rec.iterations()),
                r.pick("--batch", batch, rec.batch()), r.pick("--layers-k", layersK, rec.layersK()),
                r.pick("--auto-layer-iters", autoLayerIters, rec.autoLayerIters()),
                r.pick("--auto-layer-batch", autoLayerBatch, rec.autoLayerBatch()),
                r.pick("--layer-mapping", layerMapping == null ? null : LayerMapping.parse(layerMapping),
                        rec.layerMapping()),
                r.pick("--phase", phase == null ? null : PhasePreset.parse(phase), rec.phase()),
                r.pick("--lr", lr, rec.lr()), r.pick("--mixing", mixing, rec.mixing()), seed,
                true, r.pick("--direction-floor", directionFloor, rec.directionFloor()),
                r.pick("--source-pool", sourcePool, rec.sourcePool()),
                r.pick("--hold-weight", holdWeight, rec.holdWeight()),
                r.pick("--hold-background", holdBackground, rec.holdBackground()),
                r.pick("--contrast-view", contrastView, rec.contrastView()),
                r.pick("--anneal", anneal, rec.anneal()));
    }

    /** A resumed run trains its saved prompt: one given that differs is refused rather than printed and ignored. */
    private static void samePrompt(String flag, String given, String saved, NadaConfig run) {
        if (given != null && !given.trim().equals(saved)) {
            throw new IllegalArgumentException("--resume continues the run " + PromptText.quoted(run.source()) + " -> "
                    + PromptText.quoted(run.target()) + " saved in its checkpoint; " + flag + " " + PromptText.quoted(given)
                    + " differs: leave it out, or start a new run with --out");
        }
    }

    /** Each NADA flag's value: the one given, else the recommendation's; remembers which flags were given. */
    private static final class Fallback {
        private final RecommendedSettings recommended;
        private final List<String> given = new ArrayList<>();

        Fallback(RecommendedSettings recommended) {
            this.recommended = recommended;
        }

        RecommendedSettings recommended() {
            return recommended;
        }

        <T> T pick(String flag, T value, T fallback) {
            if (value == null) {
                return fallback;
            }
            given.add(flag);
            return value;
        }

        /** "settings: recommended for the Shapes world (iterations 70, …); given: --lr". */
        String line() {
            return "settings: recommended for " + recommended.name() + " (" + recommended.summary() + "); given: "
                    + (given.isEmpty() ? "none" : String.join(", ", given));
        }
    }

    private int[] heads() {
        if (clipHeads == null) {
            return new int[] {0, 0};
        }
        String[] p = clipHeads.split(":");
        try {
            return new int[] {Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim())};
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--clip-heads takes VISION:TEXT, e.g. 12:8, not '" + clipHeads + "'");
        }
    }
}
