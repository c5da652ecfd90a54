package studio.nada.toyworld;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import studio.nada.engine.GradMode;
import studio.nada.engine.RandomSource;
import studio.nada.engine.StepScope;
import studio.nada.export.Images;
import studio.nada.nada.ClipGuide;
import studio.nada.nada.NadaAdapter;
import studio.nada.nada.NadaConfig;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.Latents;
import studio.nada.stylegan.Noise;

/**
 * Adapts the Shapes world's generator for one {@link AttributeChange} and run seed, and judges
 * the result from pixels on a fixed set of samples (seeds 0..n−1, stored noise, no truncation, as
 * {@code generate} draws them). Runs on the tensor thread; the frozen samples are drawn once.
 */
public final class AdaptationEval {
    /**
     * One change with one run seed: what it reached, how long the adaptation took, the grids'
     * pictures and, for every sample that showed the source, the judge's verdict.
     */
    public record Cell(AttributeChange change, long seed, AttributeChange.Outcome outcome, double seconds,
            List<Images.Argb> before, List<Images.Argb> after, List<Images.Argb> othersBefore,
            List<Images.Argb> othersAfter, List<SampleVerdict> verdicts) {}

    /** Samples per row of a before/after grid. */
    static final int GRID = 8;

    private final NDManager root;
    private final Generator frozen;
    private final List<ClipGuide> guides;
    private final long[] seeds;
    private final List<Images.Argb> frozenPictures;
    private final List<ShapeLook> frozenLooks;
    /** The samples' W as the frozen mapping gives them, [samples × style_dim]; read once, on first use. */
    private float[] frozenW;

    /** @param guides the CLIP guides, on {@code root}; this class does not close them */
    public AdaptationEval(Generator frozen, List<ClipGuide> guides, int samples, NDManager root) {
        this.root = root;
        this.frozen = frozen;
        this.guides = guides;
        this.seeds = LongStream.range(0, samples).toArray();
        this.frozenPictures = ColorShift.samples(frozen, seeds, root);
        this.frozenLooks = frozenPictures.stream().map(ShapeLook::of).toList();
    }

    /**
     * The generator and both CLIPs of a Shapes world, weighted as {@code weights} says: the
     * shipped one ({@code world} null) or one that {@code toyworld build} wrote into {@code world}.
     */
    public static AdaptationEval shapesWorld(Path world, double[] weights, int samples, NDManager root)
            throws IOException {
        Generator g = ShapesWorld.generator(world, root);
        List<ClipGuide> guides = ShapesWorld.guides(world, weights, root);
        return new AdaptationEval(g, guides, samples, root);
    }

    /** Adapts with {@code base}'s settings, the change's prompt and {@code seed}, and judges. */
    public Cell run(AttributeChange change, NadaConfig base, long seed) {
        NadaConfig config = base.withPrompt(change.source(), change.target()).withSeed(seed);
        long t0 = System.nanoTime();
        try (NadaAdapter adapter = new NadaAdapter(frozen, guides, config, RandomSource.engine(), root)) {
            for (int i = 0; i < config.iterations(); i++) {
                adapter.step();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            List<Images.Argb> adapted = ColorShift.samples(adapter.trainable(), seeds, root);
            List<ShapeLook> looks = adapted.stream().map(ShapeLook::of).toList();
            AttributeChange.Outcome outcome = change.judge(frozenLooks, looks);
            List<Images.Argb> before = new ArrayList<>();
            List<Images.Argb> after = new ArrayList<>();
            List<Images.Argb> othersBefore = new ArrayList<>();
            List<Images.Argb> othersAfter = new ArrayList<>();
            List<SampleVerdict> verdicts = new ArrayList<>();
            for (int i = 0; i < seeds.length; i++) {
                ShapeLook look = frozenLooks.get(i);
                boolean source = change.showsSource().test(look);
                if (source) {
                    verdicts.add(SampleVerdict.of(change, i, look, looks.get(i), adapted.get(i)));
                }
                List<Images.Argb> b = source ? before : othersBefore;
                if (b.size() < GRID && (source || change.isOther(look))) {
                    b.add(frozenPictures.get(i));
                    (source ? after : othersAfter).add(adapted.get(i));
                }
            }
            return new Cell(change, seed, outcome, seconds, before, after, othersBefore, othersAfter, verdicts);
        }
    }

    /**
     * The frozen generator's own drawing of the change, judged as an adaptation is: each sample's W
     * with the changed attribute's one-hot swapped for the target's, so that place, size and color
     * stay where the mapping put them. It is what the generator itself can show of the target, so
     * a run cannot be expected to do better; null for a change the generator never draws (the
     * outline).
     */
    public AttributeChange.Outcome ownDrawing(AttributeChange change) {
        if (change.redraw() == null) {
            return null;
        }
        try (GradMode off = GradMode.disabled(); StepScope scope = StepScope.open(root, frozen.arrays())) {
            int d = frozen.config().styleDim();
            if (frozenW == null) {
                frozenW = frozen.style(Latents.zForSeeds(scope.manager(), seeds, d)).toFloatArray();
            }
            float[] w = frozenW;
            float[] redrawn = new float[w.length];
            for (int i = 0; i < seeds.length; i++) {
                float[] code = change.redraw().apply(Arrays.copyOfRange(w, i * d, (i + 1) * d));
                System.arraycopy(code, 0, redrawn, i * d, d);
            }
            NDArray codes = scope.manager().create(redrawn, new Shape(seeds.length, d));
            List<Images.Argb> own = Images.toArgb(frozen.synthesis(Latents.toWPlus(codes, frozen.config().nLatent()),
                    Noise.stored()));
            return change.judge(frozenLooks, own.stream().map(ShapeLook::of).toList());
        }
    }

    /**
     * Before above, after below, for up to {@value #GRID} samples that showed the source; and to
     * {@code others}, the same for samples that did not.
     */
    public static void writeGrids(Cell cell, Path file, Path others) throws IOException {
        writeGrid(cell.before(), cell.after(), file);
        writeGrid(cell.othersBefore(), cell.othersAfter(), others);
    }

    private static void writeGrid(List<Images.Argb> before, List<Images.Argb> after, Path file) throws IOException {
        List<Images.Argb> both = new ArrayList<>(before);
        both.addAll(after);
        if (!both.isEmpty()) {
            Images.writePng(file, Images.grid(both, before.size(), 2));
        }
    }
}
