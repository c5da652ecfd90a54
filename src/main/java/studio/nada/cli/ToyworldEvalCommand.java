package studio.nada.cli;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
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
import studio.nada.engine.TensorThread;
import studio.nada.nada.LayerMapping;
import studio.nada.nada.NadaConfig;
import studio.nada.nada.PhasePreset;
import studio.nada.nada.RecommendedSettings;
import studio.nada.toyworld.AdaptationEval;
import studio.nada.toyworld.AttributeChange;
import studio.nada.toyworld.SampleVerdict;
import studio.nada.toyworld.ShapesModels;
import studio.nada.toyworld.ShapesWorld;

/**
 * {@code toyworld eval}: adapts the Shapes world for each change and run seed and prints the
 * change × seed table, judged from pixels: of the samples that showed the source, the share that
 * shows the target after, the share that kept everything else, and the diversity kept; and the
 * share of the other samples (those that did not show the source) left as they were. Last, per
 * change, {@code own}: the share of those samples the frozen generator itself draws with the target
 * attribute when their W's one-hot is swapped ({@link AdaptationEval#ownDrawing}), the most a run
 * can be expected to reach.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Adapt the Shapes world for every color, kind, size and style change and several run seeds;"
                + " print the change x seed table judged from pixels.")
public final class ToyworldEvalCommand implements Callable<Integer> {
    /** The bar of issue 10: share of source samples that reach the target, and that keep the rest. */
    static final double REACH_BAR = 0.9;
    static final double KEEP_BAR = 0.9;
    static final double DIVERSITY_BAR = 0.8;
    static final double OUTLINE_BAR = 0.8;

    @Spec
    CommandSpec spec;

    @Option(names = "--changes", defaultValue = "all", split = ",",
            description = "changes to run: all, or names such as red>blue, circle>square, small>large, outline")
    List<String> changes;

    @Option(names = "--seeds", defaultValue = "0,1,2", split = ",", description = "run seeds (default ${DEFAULT-VALUE})")
    List<Long> seeds;

    @Option(names = "--samples", defaultValue = "192", description = "samples judged, seeds 0..n-1 (default ${DEFAULT-VALUE})")
    int samples;

    // NADA settings, each defaulting to the world's recommendation (its shapes_world.json)
    @Option(names = "--iterations") Integer iterations;
    @Option(names = "--batch") Integer batch;
    @Option(names = "--layers-k") Integer layersK;
    @Option(names = "--auto-layer-iters") Integer autoLayerIters;
    @Option(names = "--auto-layer-batch") Integer autoLayerBatch;
    @Option(names = "--direction-floor") Double directionFloor;
    @Option(names = "--source-pool") Integer sourcePool;
    @Option(names = "--hold-weight") Double holdWeight;
    @Option(names = "--hold-background", arity = "0..1", fallbackValue = "true") Boolean holdBackground;
    @Option(names = "--contrast-view") Double contrastView;
    @Option(names = "--anneal", arity = "0..1", fallbackValue = "true") Boolean anneal;
    @Option(names = "--layer-mapping") String layerMapping;
    @Option(names = "--phase", description = "with --auto-layer-iters 0: none, texture, shape,"
            + " no_fine, shape_expanded, all, styles (the style affines alone), direction or fine") String phase;
    @Option(names = "--lr") Double lr;
    @Option(names = "--mixing") Double mixing;
    @Option(names = "--clip-weights", split = ",") List<Double> clipWeights;

    @Option(names = "--world", description = "a folder written by 'toyworld build' (default: the shipped world)")
    Path world;

    @Option(names = "--out", description = "folder for before/after grids per change and seed (of samples that showed the source, and"
            + " of others) and a CSV of the judge's verdict on every sample that showed the source")
    Path out;

    /** The run settings from {@code rec} (the set's, or a suggestion's own), each flag given winning. */
    private NadaConfig config(RecommendedSettings rec) {
        return rec.config("shape", "shape", 0).withIterations(or(iterations, rec.iterations()))
                .withBatch(or(batch, rec.batch())).withLr(or(lr, rec.lr())).withMixing(or(mixing, rec.mixing()))
                .withLayerSelection(or(layersK, rec.layersK()), or(autoLayerIters, rec.autoLayerIters()),
                        layerMapping == null ? rec.layerMapping() : LayerMapping.parse(layerMapping),
                        phase == null ? rec.phase() : PhasePreset.parse(phase))
                .withAutoLayerBatch(or(autoLayerBatch, rec.autoLayerBatch()))
                .withDirectionFloor(or(directionFloor, rec.directionFloor()))
                .withSourcePool(or(sourcePool, rec.sourcePool())).withHoldWeight(or(holdWeight, rec.holdWeight()))
                .withHoldBackground(or(holdBackground, rec.holdBackground()))
                .withContrastView(or(contrastView, rec.contrastView())).withAnneal(or(anneal, rec.anneal()));
    }

    /**
     * " h0", " i300 b4 f0.5 lr0.014 mix0.5 styles", " pool3 h10bg cv3 an": where a change's settings (its
     * suggestion's) differ from the table's; "bg" marks a hold on the background alone, "cv" the contrast
     * view, "an" an annealed run.
     */
    static String differences(NadaConfig c, NadaConfig base) {
        StringBuilder s = new StringBuilder();
        if (c.sourcePool() != base.sourcePool()) {
            s.append(" pool").append(c.sourcePool());
        }
        if (c.holdWeight() != base.holdWeight() || c.holdBackground() != base.holdBackground()) {
            s.append(" h").append(RecommendedSettings.number(c.holdWeight())).append(c.holdBackground() ? "bg" : "");
        }
        if (c.contrastView() != base.contrastView()) {
            s.append(" cv").append(RecommendedSettings.number(c.contrastView()));
        }
        if (c.anneal() != base.anneal()) {
            s.append(c.anneal() ? " an" : " const");
        }
        if (c.iterations() != base.iterations()) {
            s.append(" i").append(c.iterations());
        }
        if (c.batch() != base.batch()) {
            s.append(" b").append(c.batch());
        }
        if (c.directionFloor() != base.directionFloor()) {
            s.append(" f").append(RecommendedSettings.number(c.directionFloor()));
        }
        if (c.lr() != base.lr()) {
            s.append(" lr").append(RecommendedSettings.number(c.lr()));
        }
        if (c.mixing() != base.mixing()) {
            s.append(" mix").append(RecommendedSettings.number(c.mixing()));
        }
        boolean fixed = c.autoLayerIters() == 0;
        if (fixed != (base.autoLayerIters() == 0) || fixed && c.phase() != base.phase()) {
            s.append(' ').append(fixed ? c.phase().id() : "probe " + c.autoLayerIters());
        }
        return s.toString();
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getOut();
        List<AttributeChange> list = changes.size() == 1 && changes.get(0).equals("all") ? AttributeChange.all()
                : changes.stream().map(AttributeChange::parse).toList();
        RecommendedSettings rec = recommended();
        NadaConfig base = config(rec);
        List<Double> weights = clipWeights == null ? List.of(rec.clipWeight(0), rec.clipWeight(1)) : clipWeights;
        if (weights.size() != 2) {
            throw new IllegalArgumentException("the Shapes world guides with 2 CLIP models: give 2 --clip-weights, not "
                    + weights.size());
        }
        if (out != null) {
            Files.createDirectories(out);
        }
        String layers = base.autoLayerIters() == 0 ? "phase " + base.phase().id()
                : base.layersK() == 0 ? RecommendedSettings.ALL_LAYERS
                : String.format(Locale.ROOT, "k %d %s, probe %d on %d codes", base.layersK(), base.layerMapping(),
                        base.autoLayerIters(), base.autoLayerBatch());
        log.printf(Locale.ROOT, "settings: %d iterations, batch %d, %s, lr %s, direction floor %s, source pool %d, hold %s,"
                + " mixing %s, clip weights %s%n", base.iterations(), base.batch(), layers, RecommendedSettings.number(base.lr()),
                RecommendedSettings.number(base.directionFloor()), base.sourcePool(),
                RecommendedSettings.number(base.holdWeight()) + (base.holdBackground() ? " (background)" : ""),
                RecommendedSettings.number(base.mixing()), weights);
        log.printf("%-16s %s  bar   own%n", "change", String.join(" ", seeds.stream()
                .map(s -> String.format(Locale.ROOT, "%-35s", "seed " + s + ": left reach keep div others")).toList()));
        log.flush();
        int passed = 0;
        int[] runsMeeting = {0};
        try (TensorThread thread = new TensorThread("nada-tensor")) {
            double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
            passed = thread.submit(() -> {
                int ok = 0;
                int threadsBefore = TensorEngine.useComputeThreadsFor(ShapesModels.generator().size());
                try (NDManager root = TensorEngine.newManager(TensorEngine.device("cpu"))) {
                    AdaptationEval eval = AdaptationEval.shapesWorld(world, w, samples, root);
                    for (AttributeChange c : list) {
                        List<AdaptationEval.Cell> row = new ArrayList<>();
                        NadaConfig forChange = config(rec.forPrompt(c.source(), c.target()));
                        String label = c.name() + differences(forChange, base);
                        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-16s", label));
                        for (long seed : seeds) {
                            AdaptationEval.Cell cell = eval.run(c, forChange, seed);
                            row.add(cell);
                            var o = cell.outcome();
                            line.append(String.format(Locale.ROOT, " %3.0f%% %3.0f%% %3.0f%% %.2f %3.0f%% n%-3d %4.1fs ",
                                    100 * o.leftShare(), 100 * o.reachedShare(), 100 * o.keptShare(),
                                    o.diversityRatio(), 100 * o.othersKeptShare(), o.judged(), cell.seconds()));
                            if (out != null) {
                                String name = c.name().replace('>', '_') + "_seed" + seed;
                                AdaptationEval.writeGrids(cell, out.resolve(name + ".png"),
                                        out.resolve(name + "_others.png"));
                                SampleVerdict.writeCsv(cell.verdicts(), out.resolve(name + ".csv"));
                            }
                        }
                        boolean pass = row.stream().allMatch(ToyworldEvalCommand::meetsBar);
                        runsMeeting[0] += (int) row.stream().filter(ToyworldEvalCommand::meetsBar).count();
                        ok += pass ? 1 : 0;
                        AttributeChange.Outcome own = eval.ownDrawing(c);
                        log.println(line + (pass ? " PASS " : " below") + (own == null ? "   n/a"
                                : String.format(Locale.ROOT, "  %3.0f%%", 100 * own.reachedShare())));
                        log.flush();
                    }
                } finally {
                    TensorEngine.useComputeThreads(threadsBefore);
                }
                return ok;
            }).join();
        }
        log.printf("%d/%d changes meet the bar for every seed; %d of the %d runs meet it%n", passed, list.size(),
                runsMeeting[0], list.size() * seeds.size());
        log.flush();
        return 0;
    }

    private RecommendedSettings recommended() throws IOException {
        Path file = world == null ? null : world.resolve(ShapesWorld.RECOMMENDED_FILE);
        if (file == null || !Files.exists(file)) {
            return ShapesWorld.recommended();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return RecommendedSettings.read(in, file.toString());
        }
    }

    private static <T> T or(T given, T recommended) {
        return given != null ? given : recommended;
    }

    static boolean meetsBar(AdaptationEval.Cell cell) {
        var o = cell.outcome();
        boolean outline = cell.change().name().equals(AttributeChange.outline().name());
        double reach = outline ? OUTLINE_BAR : REACH_BAR;
        return o.judged() > 0 && o.reachedShare() >= reach && o.keptShare() >= (outline ? OUTLINE_BAR : KEEP_BAR)
                && (outline || o.diversityRatio() >= DIVERSITY_BAR);
    }
}
